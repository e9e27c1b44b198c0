package dev.lanebench.scoring.composite;

import dev.lanebench.scoring.judge.JudgeConfig;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * scoring.yaml: composite weights, per-tier cost budgets in USD, and the optional quality judge.
 *
 * @param weights        correctness, process, cost_eff, time_eff, quality
 * @param costBudgetUsd  tier → budget per attempt in USD (cost_eff = 5·max(0, 1 − cost/(4·budget)))
 * @param judge          the judge panel that fills {@code quality}; null when none is configured
 */
public record ScoringConfig(Weights weights, Map<String, Double> costBudgetUsd, JudgeConfig judge) {
    public ScoringConfig {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(costBudgetUsd, "costBudgetUsd");
        costBudgetUsd.forEach((tier, budget) -> {
            if (budget == null || !(budget > 0) || Double.isInfinite(budget)) {
                throw new IllegalArgumentException("cost_budget_usd." + tier + " must be > 0, got " + budget);
            }
        });
        costBudgetUsd = Collections.unmodifiableMap(new LinkedHashMap<>(costBudgetUsd));
    }

    /** Weights and budgets without a judge: {@code quality} stays unmeasured. */
    public ScoringConfig(Weights weights, Map<String, Double> costBudgetUsd) {
        this(weights, costBudgetUsd, null);
    }

    /** The values shipped in the repository's scoring.yaml (a test keeps the two equal). */
    public static ScoringConfig defaults() {
        Map<String, Double> budgets = new LinkedHashMap<>();
        budgets.put("t1_trivial", 0.05);
        budgets.put("t2_medium", 0.15);
        budgets.put("t3_complex", 0.40);
        budgets.put("t4_frontier", 0.60);
        budgets.put("t5_review_design", 0.40);
        return new ScoringConfig(new Weights(0.6, 0.1, 0.1, 0.1, 0.1), budgets);
    }

    /** Loads scoring.yaml; bad input: ScoringConfigException naming the file and field. */
    public static ScoringConfig load(Path file) {
        return ScoringConfigLoader.load(file);
    }

    /** The tier's cost budget, or null when scoring.yaml has none for it (cost_eff is then not measured). */
    public Double budgetUsd(String tier) {
        return costBudgetUsd.get(tier);
    }
}
