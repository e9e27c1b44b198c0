package dev.lanebench.scoring.stats;

import dev.lanebench.scoring.composite.Composite;
import java.util.Arrays;

/**
 * A percentile interval for the mean of paired differences by resampling the pairs (the tasks) with
 * replacement. Seeded and self-contained, so the same differences give the same interval on every machine and
 * in every language: SplitMix64 from {@link #SEED}, each draw picking index {@code next() mod m} (unsigned), the
 * resample means sorted and read at the 2.5 % and 97.5 % points by linear interpolation (as {@link Quantiles}).
 */
public final class PairedBootstrap {
    public static final int RESAMPLES = 10_000;
    public static final long SEED = 20_260_101L;
    public static final double LEVEL = 0.95;

    private PairedBootstrap() {
    }

    /** [low, high] of the 95 % interval of the mean of {@code diffs}, four decimals; null for no values. */
    public static double[] meanInterval(double[] diffs) {
        return meanInterval(diffs, RESAMPLES, SEED, LEVEL);
    }

    static double[] meanInterval(double[] diffs, int resamples, long seed, double level) {
        int m = diffs.length;
        if (m == 0) {
            return null;
        }
        double[] means = new double[resamples];
        long state = seed;
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int k = 0; k < m; k++) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z = z ^ (z >>> 31);
                sum += diffs[(int) Long.remainderUnsigned(z, m)];
            }
            means[b] = sum / m;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        return new double[] {Composite.round(Quantiles.quantile(means, resamples, tail)),
            Composite.round(Quantiles.quantile(means, resamples, 1 - tail))};
    }
}
