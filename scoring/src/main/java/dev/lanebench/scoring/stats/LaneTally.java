package dev.lanebench.scoring.stats;

import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.raw.ScoreRow;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Collects a lane's totals as rows stream by, and notices when rows under one lane name disagree on runner or
 * model (lanes.yaml changed between runs), which would make its cells mix two things.
 */
public final class LaneTally {
    private final String lane;
    private final String runner;
    private final String model;
    private final Set<String> otherIdentities = new LinkedHashSet<>();
    private int attempts;
    private int scored;
    private int offRoute;
    private int infraErrors;
    private int verifyErrors;
    private double cost;
    private int costMeasured;

    /** Starts the tally with the runner and model of the lane's first row. */
    public LaneTally(String lane, String runner, String model) {
        this.lane = lane;
        this.runner = runner;
        this.model = model;
    }

    public String runner() {
        return runner;
    }

    public String model() {
        return model;
    }

    public void add(ScoreRow row) {
        // The reader shares one String per distinct value, so this is usually a reference comparison.
        if (!Objects.equals(row.runner(), runner) || !Objects.equals(row.model(), model)) {
            otherIdentities.add(row.runner() + "/" + row.model());
        }
        attempts++;
        switch (Outcome.of(row.status(), row.routeOk())) {
            case SCORED -> scored++;
            case OFF_ROUTE -> offRoute++;
            case INFRA_ERROR -> infraErrors++;
            case VERIFY_ERROR -> verifyErrors++;
        }
        if (row.costUsd() != null) {
            cost += row.costUsd();
            costMeasured++;
        }
    }

    /** Runner/model pairs seen under this lane besides the first, as "runner/model". */
    public Set<String> otherIdentities() {
        return otherIdentities;
    }

    public LaneTotals totals() {
        return new LaneTotals(lane, runner, model, attempts, scored, offRoute, infraErrors, verifyErrors,
                costMeasured == 0 ? null : Composite.round(cost), costMeasured);
    }
}
