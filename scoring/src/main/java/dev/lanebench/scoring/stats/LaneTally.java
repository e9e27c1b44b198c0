package dev.lanebench.scoring.stats;

import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.raw.ScoreRow;
import dev.lanebench.scoring.raw.Status;
import java.util.LinkedHashSet;
import java.util.List;
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
    private final Set<String> sandboxes = new LinkedHashSet<>();
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
        noteIdentity(row.runner(), row.model());
        noteSandbox(row.sandbox());
        add(row.status(), row.routeOk(), row.costUsd() == null ? Double.NaN : row.costUsd(), orMinusOne(row.inputTokens()),
                orMinusOne(row.cachedTokens()), orMinusOne(row.outputTokens()),
                row.agentS() == null ? Double.NaN : row.agentS());
    }

    private static long orMinusOne(Long n) {
        return n == null ? -1 : n;
    }

    /** Records that rows of this lane also name this runner and model, when they are not the first row's. */
    public void noteIdentity(String rowRunner, String rowModel) {
        if (!Objects.equals(rowRunner, runner) || !Objects.equals(rowModel, model)) {
            otherIdentities.add(rowRunner + "/" + rowModel);
        }
    }

    /** Records a sandbox backend the lane's attempts ran in (null: not recorded, left out). */
    public void noteSandbox(String sandbox) {
        if (sandbox != null) {
            sandboxes.add(sandbox);
        }
    }

    /** One attempt; NaN and −1 mean not measured. The caller checks the runner and model ({@link #noteIdentity}). */
    public void add(Status status, Boolean routeOk, double costUsd, long input, long cached, long output,
            double agentS) {
        attempts++;
        switch (Outcome.of(status, routeOk)) {
            case SCORED -> scored++;
            case OFF_ROUTE -> offRoute++;
            case INFRA_ERROR -> infraErrors++;
            case VERIFY_ERROR -> verifyErrors++;
        }
        if (!Double.isNaN(costUsd)) {
            costUnits += Math.round(costUsd * COST_UNITS);
            costMeasured++;
        }
        if (input >= 0 || cached >= 0 || output >= 0) {
            inputTokens += Math.max(0, input);
            cachedTokens += Math.max(0, cached);
            outputTokens += Math.max(0, output);
            tokensMeasured++;
        }
        if (!Double.isNaN(agentS)) {
            agentUnits += Math.round(agentS * SECOND_UNITS);
            agentMeasured++;
        }
    }

    /** Adds the rows another tally saw after this one's; the other's runner/model count as seen later. */
    public void merge(LaneTally other) {
        if (!Objects.equals(other.runner, runner) || !Objects.equals(other.model, model)) {
            otherIdentities.add(other.runner + "/" + other.model);
        }
        otherIdentities.addAll(other.otherIdentities);
        sandboxes.addAll(other.sandboxes);
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
                tokensMeasured, agentMeasured == 0 ? null : Composite.round(agentUnits / SECOND_UNITS), agentMeasured,
                List.copyOf(sandboxes));
    }
}
