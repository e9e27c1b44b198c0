package dev.lanebench.scoring.composite;

/** The formulas of DESIGN.md §8–§9. */
public final class Composite {
    private Composite() {
    }

    public static Double compute(Components c, Weights w) {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    public static double process(int violations) {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    /** Null when cost or budget is unknown. */
    public static Double costEff(Double costUsd, Double budgetUsd) {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    public static double timeEff(double agentS, double deadlineS) {
        throw new UnsupportedOperationException("scoring helper implements");
    }
}
