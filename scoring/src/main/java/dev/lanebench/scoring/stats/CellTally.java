package dev.lanebench.scoring.stats;

import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.raw.ScoreRow;
import dev.lanebench.scoring.raw.Status;
import java.util.Arrays;

/**
 * Collects one cell's attempts as they stream by, keeping only the composites its median needs, and decides
 * which attempts may count: the fairness rules of METHODOLOGY.md §2 applied to rows.
 *
 * <p>Rows are taken per attempt, as written: an {@code infra_error} attempt of a replication that later scored
 * still counts as an infra error, because it happened; it never enters the median. Off-route attempts (see
 * {@link Outcome}) are counted and kept out of n, median, min and max.
 */
public final class CellTally {
    private double[] composites = new double[4];
    private int n;
    private int infraErrors;
    private int verifyErrors;
    private int offRoute;

    public void add(ScoreRow row) {
        add(row.status(), row.composite(), row.routeOk());
    }

    public void add(Status status, Double composite, Boolean routeOk) {
        addUnboxed(status, composite == null ? Double.NaN : composite, routeOk);
    }

    /** As {@link #add(Status, Double, Boolean)}, with NaN for no composite: no boxing on the million-row path. */
    public void addUnboxed(Status status, double composite, Boolean routeOk) {
        switch (Outcome.of(status, routeOk)) {
            case INFRA_ERROR -> infraErrors++;
            case VERIFY_ERROR -> verifyErrors++;
            case OFF_ROUTE -> offRoute++;
            case SCORED -> {
                if (Double.isNaN(composite)) {
                    throw new IllegalArgumentException("a scored attempt without a composite");
                }
                if (n == composites.length) {
                    composites = Arrays.copyOf(composites, n * 2);
                }
                composites[n++] = composite;
            }
        }
    }

    /** Adds another tally's attempts after this one's (a later chunk of the same file, or another file). */
    public void merge(CellTally other) {
        if (n + other.n > composites.length) {
            composites = Arrays.copyOf(composites, Math.max(n + other.n, composites.length * 2));
        }
        System.arraycopy(other.composites, 0, composites, n, other.n);
        n += other.n;
        infraErrors += other.infraErrors;
        verifyErrors += other.verifyErrors;
        offRoute += other.offRoute;
    }

    /** The composites in the median (scored, on-route), ascending: the replications a plot draws as dots. */
    public double[] sortedComposites() {
        double[] sorted = Arrays.copyOf(composites, n);
        Arrays.sort(sorted);
        return sorted;
    }

    public CellStats stats(String task, String tier, String lane) {
        if (n == 0) {
            return new CellStats(task, tier, lane, 0, null, null, null, null, infraErrors, verifyErrors, offRoute);
        }
        double[] sorted = sortedComposites();
        Double iqr = n >= 4 ? Composite.round(Quantiles.iqr(sorted, n)) : null;
        return new CellStats(task, tier, lane, n, Composite.round(Quantiles.median(sorted, n)), sorted[0],
                sorted[n - 1], iqr, infraErrors, verifyErrors, offRoute);
    }
}
