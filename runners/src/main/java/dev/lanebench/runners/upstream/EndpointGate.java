package dev.lanebench.runners.upstream;

import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.upstream.UpstreamException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds an endpoint to its lanes.yaml {@code max_concurrency} and {@code requests_per_minute} across the whole
 * process: every upstream client of every lane, attempt and proxy that talks to the endpoint passes through the
 * same gate before each HTTP try. One gate per endpoint (name, base_url, key variable and limits).
 */
public final class EndpointGate {
    private static final Map<String, EndpointGate> GATES = new ConcurrentHashMap<>();
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long POLL_MS = 200;

    private final String name;
    private final Integer maxConcurrency;
    private final Integer perMinute;
    private final Semaphore slots;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    private EndpointGate(String name, Integer maxConcurrency, Integer perMinute) {
        this.name = name;
        this.maxConcurrency = maxConcurrency;
        this.perMinute = perMinute;
        this.slots = maxConcurrency == null ? null : new Semaphore(maxConcurrency, true);
    }

    /** The process's gate for the endpoint the upstream's model names. */
    public static EndpointGate of(Upstream upstream) {
        return of(upstream.model().endpoint(), upstream.endpoint());
    }

    /** The process's gate for an endpoint of lanes.yaml, by its name there. */
    public static EndpointGate of(String name, EndpointSpec e) {
        String key = name + "\u0000" + e.baseUrl() + "\u0000" + e.apiKeyEnv() + "\u0000" + e.maxConcurrency()
                + "\u0000" + e.requestsPerMinute();
        return GATES.computeIfAbsent(key, k -> new EndpointGate(name, e.maxConcurrency(), e.requestsPerMinute()));
    }

    public boolean limited() {
        return slots != null || perMinute != null;
    }

    /** A held request slot; closing it frees the slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for a request slot: a free concurrency slot, and room in the last minute's request count.
     *
     * @throws UpstreamException    (DEADLINE or CANCELLED) when the deadline or a cancellation comes first
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public Permit enter(Instant deadline, Cancellation cancel) throws UpstreamException, InterruptedException {
        if (!limited()) {
            return () -> { };
        }
        if (slots != null) {
            while (!slots.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
                checkWaiting(deadline, cancel, "a free request slot (max_concurrency " + maxConcurrency + ")");
            }
        }
        try {
            awaitRate(deadline, cancel);
        } catch (UpstreamException | InterruptedException | RuntimeException e) {
            if (slots != null) {
                slots.release();
            }
            throw e;
        }
        boolean[] released = {false};
        return () -> {
            synchronized (released) {
                if (slots != null && !released[0]) {
                    released[0] = true;
                    slots.release();
                }
            }
        };
    }

    private void awaitRate(Instant deadline, Cancellation cancel) throws UpstreamException, InterruptedException {
        if (perMinute == null) {
            return;
        }
        while (true) {
            long wait;
            synchronized (starts) {
                long now = System.nanoTime();
                while (!starts.isEmpty() && now - starts.peekFirst() >= WINDOW.toNanos()) {
                    starts.removeFirst();
                }
                if (starts.size() < perMinute) {
                    starts.addLast(now);
                    return;
                }
                wait = WINDOW.toNanos() - (now - starts.peekFirst());
            }
            checkWaiting(deadline, cancel, "room under requests_per_minute " + perMinute);
            if (cancel.sleep(Duration.ofNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(POLL_MS))))) {
                checkWaiting(deadline, cancel, "room under requests_per_minute " + perMinute);
            }
        }
    }

    private void checkWaiting(Instant deadline, Cancellation cancel, String what) throws UpstreamException {
        if (cancel.isCancelled()) {
            throw new UpstreamException(Kind.CANCELLED, 0, false, null, "cancelled while waiting for " + what
                    + " of endpoint " + name, 0, false);
        }
        if (deadline != null && !Instant.now().isBefore(deadline)) {
            throw new UpstreamException(Kind.DEADLINE, 0, false, null, "attempt deadline reached while waiting for "
                    + what + " of endpoint " + name, 0, false);
        }
    }
}
