package dev.lanebench.scoring.stats;

/**
 * Order statistics of a sorted sample. Quartiles use linear interpolation between closest ranks (Hyndman–Fan
 * type 7, the default of R, NumPy and spreadsheet QUARTILE.INC): the p-quantile sits at rank h = (n−1)·p,
 * interpolated between the values at floor(h) and ceil(h).
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The middle value; for an even count, the mean of the two middle values (type 7 at p = 0.5 agrees). */
    public static double median(double[] sorted, int n) {
        return quantile(sorted, n, 0.5);
    }

    /** Q3 − Q1 by linear interpolation; callers only report it from four values up. */
    public static double iqr(double[] sorted, int n) {
        return quantile(sorted, n, 0.75) - quantile(sorted, n, 0.25);
    }

    /** The p-quantile of the first n values of {@code sorted}, by linear interpolation between closest ranks. */
    public static double quantile(double[] sorted, int n, double p) {
        if (n <= 0) {
            throw new IllegalArgumentException("no values");
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
