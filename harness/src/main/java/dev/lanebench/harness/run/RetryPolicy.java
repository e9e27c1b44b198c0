package dev.lanebench.harness.run;

import java.time.Duration;

/**
 * How often and how patiently an infra_error replication is tried again: up to {@code retries} more attempts,
 * waiting base·2^(k−1) before the k-th retry.
 */
public record RetryPolicy(int retries, Duration baseBackoff) {
    public Duration backoffBefore(int attempt) {
        int retryIndex = attempt - 1;
        return baseBackoff.multipliedBy(1L << Math.min(retryIndex - 1, 10));
    }
}
