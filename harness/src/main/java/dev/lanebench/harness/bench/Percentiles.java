package dev.lanebench.harness.bench;

import java.util.Arrays;
import java.util.Locale;

/** Nearest-rank percentiles of a sample of milliseconds, for the benchmark printouts. */
public record Percentiles(int n, double p50, double p90, double p99, double max) {
    public static Percentiles of(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Percentiles(s.length, rank(s, 50), rank(s, 90), rank(s, 99), s[s.length - 1]);
    }

    private static double rank(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms", n, p50, p90, p99, max);
    }
}
