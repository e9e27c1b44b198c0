package dev.lanebench.scoring.composite;

import dev.lanebench.scoring.raw.RawCsvSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The formulas of METHODOLOGY.md §2 and §4. Every result is rounded to the four decimals raw.csv stores, so a value
 * computed here and the same value read back from raw.csv are equal.
 */
public final class Composite {
    private static final double MAX = 5.0;
    private static final String[] OPTIONAL = {"process", "cost_eff", "time_eff", "quality"};

    private Composite() {
    }

    /**
     * {@code (w_c·C + Σ w_k·k·C/5) / (w_c + Σ w_k)} over the measured k ∈ {process, cost_eff, time_eff, quality}.
     * An unmeasured component leaves both sums, so a lane is neither helped nor hurt by what was not measured;
     * the efficiencies are scaled by correctness so nothing is earned by doing nothing fast and cheap.
     *
     * @return null when correctness is null (nothing was graded)
     */
    public static Double compute(Components c, Weights w) {
        if (c.correctness() == null) {
            return null;
        }
        double correctness = score("correctness", c.correctness());
        double numerator = w.correctness() * correctness;
        double denominator = w.correctness();
        Double[] values = {c.process(), c.costEff(), c.timeEff(), c.quality()};
        double[] weights = {w.process(), w.costEff(), w.timeEff(), w.quality()};
        for (int k = 0; k < values.length; k++) {
            if (values[k] == null) {
                continue; // not measured
            }
            numerator += weights[k] * score(OPTIONAL[k], values[k]) * correctness / MAX;
            denominator += weights[k];
        }
        return round(numerator / denominator);
    }

    /** {@code max(0, 5 − 2.5·violations)}: one budget breach costs half the scale. */
    public static double process(int violations) {
        if (violations < 0) {
            throw new IllegalArgumentException("violations must be >= 0, got " + violations);
        }
        return round(Math.max(0, MAX - 2.5 * violations));
    }

    /**
     * {@code 5·max(0, 1 − cost/(4·budget))}: full marks at no cost, zero at four times the tier's budget.
     *
     * @return null when cost or budget is unknown
     */
    public static Double costEff(Double costUsd, Double budgetUsd) {
        if (costUsd == null || budgetUsd == null) {
            return null;
        }
        if (!(budgetUsd > 0) || Double.isInfinite(budgetUsd)) {
            throw new IllegalArgumentException("budget must be > 0, got " + budgetUsd);
        }
        if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("cost must be >= 0, got " + costUsd);
        }
        return round(MAX * Math.max(0, 1 - costUsd / (4 * budgetUsd)));
    }

    /** {@code 5·max(0, 1 − agent_s/deadline_s)}: zero at or past the deadline. */
    public static double timeEff(double agentS, double deadlineS) {
        if (!(deadlineS > 0) || Double.isInfinite(deadlineS)) {
            throw new IllegalArgumentException("deadline must be > 0, got " + deadlineS);
        }
        if (!(agentS >= 0) || Double.isInfinite(agentS)) {
            throw new IllegalArgumentException("agent time must be >= 0, got " + agentS);
        }
        return round(MAX * Math.max(0, 1 - agentS / deadlineS));
    }

    /** Rounds half-up to the four decimals raw.csv stores. */
    public static double round(double value) {
        return BigDecimal.valueOf(value).setScale(RawCsvSchema.DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }

    private static double score(String name, double value) {
        if (!(value >= 0 && value <= MAX)) {
            throw new IllegalArgumentException(name + " must be within 0–5, got " + value);
        }
        return value;
    }

}
