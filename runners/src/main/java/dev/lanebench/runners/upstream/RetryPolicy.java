package dev.lanebench.runners.upstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@link UpstreamClient} retries a failed try (429, 408, 409, 5xx, timeouts, network errors): exponential
 * backoff, or the server's {@code Retry-After} when it sends one, each wait capped. The attempt deadline bounds
 * everything: a wait that would pass it is not taken.
 *
 * @param maxRetries     retries after the first try (0 = never retry)
 * @param initialBackoff wait before the first retry when the server gave no Retry-After
 * @param multiplier     growth of the backoff per retry
 * @param maxBackoff     the most a computed backoff waits
 * @param maxRetryAfter  the most a server's Retry-After is honoured for (a provider asking for an hour gets this)
 * @param jitter         fraction (0..1) of random spread on computed backoffs, so parallel attempts do not
 *                       retry in lockstep; never applied to Retry-After
 */
public record RetryPolicy(
        int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff, Duration maxRetryAfter,
        double jitter) {

    /** Four retries from one second, doubling to at most 30 s; Retry-After honoured up to 60 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Duration.ofSeconds(60), 0.2);

    public RetryPolicy {
        if (maxRetries < 0 || multiplier < 1.0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("bad retry policy: retries >= 0, multiplier >= 1, 0 <= jitter <= 1");
        }
    }

    /** No retries at all: for callers that retry themselves (e.g. a CLI behind the proxy). */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO, 0);
    }

    /**
     * The wait before retry number {@code retry} (1-based).
     *
     * @param retryAfter what the server asked for, or null
     */
    public Duration delayBefore(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        double ms = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        ms = Math.min(ms, maxBackoff.toMillis());
        if (jitter > 0) {
            ms *= 1 - jitter + ThreadLocalRandom.current().nextDouble() * 2 * jitter;
        }
        return Duration.ofMillis(Math.round(Math.max(0, ms)));
    }
}
