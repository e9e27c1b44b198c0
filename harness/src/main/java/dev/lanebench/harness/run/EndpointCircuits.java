package dev.lanebench.harness.run;

import dev.lanebench.runners.agent.ModelCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops a run hammering a provider that keeps answering 429: after {@code threshold} rate-limited calls to an
 * endpoint in a row (any attempt, any lane), no new attempt on that endpoint starts for a pause that doubles each
 * time it trips again without a success in between. Attempts already running keep their own 429 retries. Every
 * pause is kept for run.json.
 */
public final class EndpointCircuits {
    /** When a circuit trips and for how long. */
    public record Policy(int threshold, Duration firstPause, Duration maxPause) {
        public static final Policy DEFAULT = new Policy(5, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /** One pause of one endpoint's new attempts. */
    public record Pause(String endpoint, Instant at, double pauseSeconds, int consecutive429) {
    }

    private final Policy policy;
    private final Map<String, State> states = new HashMap<>();
    private final List<Pause> pauses = new ArrayList<>();

    public EndpointCircuits(Policy policy) {
        this.policy = policy;
    }

    private static final class State {
        int consecutive;
        int trips;
        long pausedUntilNanos;
    }

    /** Counts one model call against the endpoint it went to. */
    public synchronized void observe(String endpoint, ModelCall call) {
        State s = states.computeIfAbsent(endpoint, e -> new State());
        if (call.ok()) {
            s.consecutive = 0;
            s.trips = 0;
            return;
        }
        if (call.status() != 429) {
            return;
        }
        s.consecutive++;
        if (s.consecutive >= policy.threshold() && System.nanoTime() >= s.pausedUntilNanos) {
            Duration pause = policy.firstPause().multipliedBy(1L << Math.min(s.trips, 20));
            if (pause.compareTo(policy.maxPause()) > 0) {
                pause = policy.maxPause();
            }
            s.trips++;
            s.pausedUntilNanos = System.nanoTime() + pause.toNanos();
            pauses.add(new Pause(endpoint, Instant.now(), pause.toMillis() / 1000.0, s.consecutive));
            s.consecutive = 0;
        }
    }

    /** Nanoseconds (System.nanoTime) until which new attempts on the endpoint wait; 0 when not paused. */
    public synchronized long pausedUntil(String endpoint) {
        State s = states.get(endpoint);
        return s == null || System.nanoTime() >= s.pausedUntilNanos ? 0 : s.pausedUntilNanos;
    }

    public synchronized List<Pause> pauses() {
        return List.copyOf(pauses);
    }
}
