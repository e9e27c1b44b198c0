package dev.lanebench.scoring.stats;

/**
 * The statistics of one (task, lane) cell over its attempts. {@code n}, median, min, max and IQR cover only
 * {@code scored} attempts served by the lane's own model; the three counts say what was left out and why.
 *
 * @param n             scored, on-route attempts: the sample behind the median
 * @param median        median composite (even n: mean of the middle two); null when n = 0
 * @param min           lowest composite; null when n = 0
 * @param max           highest composite; null when n = 0
 * @param iqr           Q3 − Q1 by linear interpolation; null when n < 4
 * @param infraErrors   attempts ending {@code infra_error}, retried ones included (they happened)
 * @param verifyErrors  attempts ending {@code verify_error} (a task defect)
 * @param offRoute      scored attempts with {@code route_ok=false}: another model answered, so not this lane's
 */
public record CellStats(String task, String tier, String lane, int n, Double median, Double min, Double max,
        Double iqr, int infraErrors, int verifyErrors, int offRoute) {

    /** Every attempt counted in this cell, whatever its outcome. */
    public int attempts() {
        return n + infraErrors + verifyErrors + offRoute;
    }
}
