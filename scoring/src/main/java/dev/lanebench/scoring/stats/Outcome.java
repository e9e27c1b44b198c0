package dev.lanebench.scoring.stats;

import dev.lanebench.scoring.raw.Status;

/**
 * How an attempt counts in the tables: the one place that applies the route-proof rule on top of the status.
 * A {@code scored} row with {@code route_ok=false} was answered by a model other than the lane's, so it must
 * never pass as the lane's result; an empty route_ok (no model to check, or not checked) counts as the lane's.
 */
public enum Outcome {
    /** Scored and served by the lane's model: in n, median, min, max. */
    SCORED,
    /** Scored, but another model answered: counted, shown, never in the median. */
    OFF_ROUTE,
    INFRA_ERROR,
    VERIFY_ERROR;

    public static Outcome of(Status status, Boolean routeOk) {
        return switch (status) {
            case SCORED -> Boolean.FALSE.equals(routeOk) ? OFF_ROUTE : SCORED;
            case INFRA_ERROR -> INFRA_ERROR;
            case VERIFY_ERROR -> VERIFY_ERROR;
        };
    }
}
