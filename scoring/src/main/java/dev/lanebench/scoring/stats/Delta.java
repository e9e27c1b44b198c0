package dev.lanebench.scoring.stats;

import dev.lanebench.scoring.composite.Composite;

/**
 * The difference between two cells of one task (a harness lane against the flat lane, or run B against run A)
 * and what the replications allow one to say about its direction.
 *
 * @param value          {@code other median − base median}, four decimals
 * @param rangesDisjoint the two sides' ranges [min, max] over scored, on-route attempts do not overlap: every
 *                       attempt of one side beat every attempt of the other
 * @param singleAttempt  a side has only one scored attempt, so its range says nothing about its spread
 */
public record Delta(double value, boolean rangesDisjoint, boolean singleAttempt) {

    /** The delta of two cells, or null unless both have a median. */
    public static Delta of(CellStats base, CellStats other) {
        if (base == null || other == null || base.median() == null || other.median() == null) {
            return null;
        }
        boolean disjoint = other.min() > base.max() || other.max() < base.min();
        return new Delta(Composite.round(other.median() - base.median()), disjoint, base.n() < 2 || other.n() < 2);
    }

    /** The direction is clear: the ranges are disjoint and each side has at least two attempts. */
    public boolean clear() {
        return rangesDisjoint && !singleAttempt;
    }

    /** The range of every difference one attempt of each side could make: [other min − base max, other max − base min]. */
    public static double[] spread(CellStats base, CellStats other) {
        return new double[] {Composite.round(other.min() - base.max()), Composite.round(other.max() - base.min())};
    }
}
