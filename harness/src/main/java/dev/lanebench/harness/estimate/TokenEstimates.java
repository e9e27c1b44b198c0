package dev.lanebench.harness.estimate;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.run.CostEstimator;
import dev.lanebench.harness.run.Replication;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Tokens per attempt, for the dry-run estimate and the in-flight reserve of a cost cap: measured in an earlier
 * run ({@code --estimate-from RUN}: the mean over its attempts that made model calls, same task and lane, else same
 * task and model), else a default for the task's tier. Tier defaults are deliberately generous (all input priced
 * as uncached): a first run's estimate is a ceiling to check against the budget, not a forecast.
 */
public final class TokenEstimates implements CostEstimator {
    /** Input and output tokens of one agentic attempt per tier: tens of turns re-reading a growing context. */
    static final Map<String, long[]> TIER_DEFAULTS = Map.of(
            "t1_trivial", new long[] {150_000, 6_000},
            "t2_medium", new long[] {300_000, 12_000},
            "t3_complex", new long[] {600_000, 24_000},
            "t4_frontier", new long[] {900_000, 36_000},
            "t5_review_design", new long[] {400_000, 16_000});
    private static final long[] OTHER_TIER = {600_000, 24_000};

    private final String runLabel;
    private final Map<String, Mean> byTaskLane;
    private final Map<String, Mean> byTaskModel;

    private TokenEstimates(String runLabel, Map<String, Mean> byTaskLane, Map<String, Mean> byTaskModel) {
        this.runLabel = runLabel;
        this.byTaskLane = byTaskLane;
        this.byTaskModel = byTaskModel;
    }

    /** Tier defaults only. */
    public static TokenEstimates catalogue() {
        return new TokenEstimates(null, Map.of(), Map.of());
    }

    /** Measured in an earlier run: a run folder or its raw.csv. */
    public static TokenEstimates fromRun(Path run) {
        Path raw = Files.isDirectory(run) ? run.resolve("raw.csv") : run;
        if (!Files.isRegularFile(raw)) {
            throw new ConfigException("--estimate-from: " + run + " holds no raw.csv");
        }
        Map<String, Mean> byLane = new HashMap<>();
        Map<String, Mean> byModel = new HashMap<>();
        try {
            RawCsvReader.forEach(raw, r -> {
                if (r.inputTokens() != null && r.outputTokens() != null) {
                    byLane.computeIfAbsent(r.task() + "\u0000" + r.lane(), k -> new Mean()).add(r);
                    if (r.model() != null && !r.model().isEmpty()) {
                        byModel.computeIfAbsent(r.task() + "\u0000" + r.model(), k -> new Mean()).add(r);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("--estimate-from: " + raw + ": " + e.getMessage());
        }
        Path folder = raw.toAbsolutePath().getParent();
        return new TokenEstimates("run " + (folder == null ? raw : folder.getFileName()), byLane, byModel);
    }

    /** One attempt of the task on the lane. */
    public AttemptEstimate of(Task task, Lane lane) {
        Mean m = byTaskLane.get(task.id() + "\u0000" + lane.name());
        String how = "same lane";
        if (m == null && lane.modelName() != null) {
            m = byTaskModel.get(task.id() + "\u0000" + lane.modelName());
            how = "same model";
        }
        if (m != null) {
            return m.estimate(runLabel + ", " + how + ", n=" + m.n);
        }
        long[] d = TIER_DEFAULTS.getOrDefault(task.tier(), OTHER_TIER);
        return new AttemptEstimate(d[0], 0, d[1], null, "tier default");
    }

    @Override
    public Double usd(Replication rep) {
        return of(rep.task(), rep.lane()).usd(rep.lane());
    }

    /** Running means of one group of rows. */
    private static final class Mean {
        int n;
        long input;
        long cached;
        long output;
        int costed;
        double cost;

        void add(RawRow r) {
            n++;
            input += r.inputTokens();
            cached += r.cachedTokens() == null ? 0 : r.cachedTokens();
            output += r.outputTokens();
            if (r.costUsd() != null) {
                costed++;
                cost += r.costUsd();
            }
        }

        AttemptEstimate estimate(String source) {
            return new AttemptEstimate(input / n, cached / n, output / n, costed == 0 ? null : cost / costed, source);
        }
    }
}
