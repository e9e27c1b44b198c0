package dev.lanebench.scoring.composite;

/**
 * Composite weights (METHODOLOGY.md §4). Correctness must weigh something: the other components only count in
 * proportion to it, so without it the composite would be undefined.
 */
public record Weights(double correctness, double process, double costEff, double timeEff, double quality) {
    public Weights {
        check("correctness", correctness);
        check("process", process);
        check("cost_eff", costEff);
        check("time_eff", timeEff);
        check("quality", quality);
        if (correctness == 0) {
            throw new IllegalArgumentException("weights.correctness must be > 0");
        }
    }

    private static void check(String name, double w) {
        if (!Double.isFinite(w) || w < 0) {
            throw new IllegalArgumentException("weights." + name + " must be a number >= 0, got " + w);
        }
    }
}
