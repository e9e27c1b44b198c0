package dev.lanebench.scoring.composite;

import java.nio.file.Path;
import java.util.Map;

/**
 * scoring.yaml: composite weights and per-tier cost budgets in USD.
 *
 * @param weights        correctness, process, cost_eff, time_eff, quality
 * @param costBudgetUsd  tier → budget per attempt in USD (cost_eff = 5·max(0, 1 − cost/(4·budget)))
 */
public record ScoringConfig(Weights weights, Map<String, Double> costBudgetUsd) {
    public static ScoringConfig defaults() {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    /** Loads scoring.yaml; bad input: ScoringConfigException naming the file and field. */
    public static ScoringConfig load(Path file) {
        throw new UnsupportedOperationException("scoring helper implements");
    }
}
