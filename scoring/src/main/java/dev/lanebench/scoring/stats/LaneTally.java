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
    /** Sums are kept in units of raw.csv's precision (10^-8 dollars, 10^-4 s), so they are exact in any order. */
    private static final double COST_UNITS = 1e8;
    private static final double SECOND_UNITS = 1e4;

    private final String lane;
    private final String runner;
    private final String model;
    private final Set<String> otherIdentities = new LinkedHashSet<>();
    private int attempts;
    private int scored;
    private int offRoute;
    private int infraErrors;
    private int verifyErrors;
    private long costUnits;
    private int costMeasured;
    private long inputTokens;
    private long cachedTokens;
    private long outputTokens;
    private int tokensMeasured;
    private long agentUnits;
    private int agentMeasured;

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
            costUnits += Math.round(row.costUsd() * COST_UNITS);
            costMeasured++;
        }
        if (row.inputTokens() != null || row.cachedTokens() != null || row.outputTokens() != null) {
            inputTokens += row.inputTokens() == null ? 0 : row.inputTokens();
            cachedTokens += row.cachedTokens() == null ? 0 : row.cachedTokens();
            outputTokens += row.outputTokens() == null ? 0 : row.outputTokens();
            tokensMeasured++;
        }
        if (row.agentS() != null) {
            agentUnits += Math.round(row.agentS() * SECOND_UNITS);
            agentMeasured++;
        }
    }

    /** Adds the rows another tally saw after this one's; the other's runner/model count as seen later. */
    public void merge(LaneTally other) {
        if (!Objects.equals(other.runner, runner) || !Objects.equals(other.model, model)) {
            otherIdentities.add(other.runner + "/" + other.model);
        }
        otherIdentities.addAll(other.otherIdentities);
        otherIdentities.remove(runner + "/" + model);
        attempts += other.attempts;
        scored += other.scored;
        offRoute += other.offRoute;
        infraErrors += other.infraErrors;
        verifyErrors += other.verifyErrors;
        costUnits += other.costUnits;
        costMeasured += other.costMeasured;
        inputTokens += other.inputTokens;
        cachedTokens += other.cachedTokens;
        outputTokens += other.outputTokens;
        tokensMeasured += other.tokensMeasured;
        agentUnits += other.agentUnits;
        agentMeasured += other.agentMeasured;
    }

    /** Runner/model pairs seen under this lane besides the first, as "runner/model". */
    public Set<String> otherIdentities() {
        return otherIdentities;
    }

    public LaneTotals totals() {
        boolean tokens = tokensMeasured > 0;
        return new LaneTotals(lane, runner, model, attempts, scored, offRoute, infraErrors, verifyErrors,
                costMeasured == 0 ? null : Composite.round(costUnits / COST_UNITS), costMeasured,
                tokens ? inputTokens : null, tokens ? cachedTokens : null, tokens ? outputTokens : null,
                tokensMeasured, agentMeasured == 0 ? null : Composite.round(agentUnits / SECOND_UNITS), agentMeasured);
    }
}
