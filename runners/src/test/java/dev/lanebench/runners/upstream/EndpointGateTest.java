package dev.lanebench.runners.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanebench.runners.lane.EndpointSpec;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The process-wide request gate of an endpoint: max_concurrency and requests_per_minute. */
class EndpointGateTest {
    private static EndpointSpec spec(Integer concurrency, Integer perMinute) {
        return new EndpointSpec("http://127.0.0.1:9/v1", "GATE_KEY_" + System.nanoTime(), Map.of(), Map.of(),
                concurrency, perMinute);
    }

    @Test
    void aFullEndpointMakesTheNextRequestWaitForAFreedSlot() throws Exception {
        EndpointGate gate = EndpointGate.of("e", spec(1, null));
        EndpointGate.Permit first = gate.enter(null, new Cancellation());
        CountDownLatch entered = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            try (EndpointGate.Permit p = gate.enter(null, new Cancellation())) {
                entered.countDown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        second.start();
        assertThat(entered.await(400, TimeUnit.MILLISECONDS)).as("held while the slot is taken").isFalse();
        first.close();
        first.close();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        second.join();
    }

    @Test
    void aWaitThatWouldPassTheDeadlineEndsAtTheDeadline() throws Exception {
        EndpointGate gate = EndpointGate.of("e", spec(1, null));
        try (EndpointGate.Permit held = gate.enter(null, new Cancellation())) {
            assertThatThrownBy(() -> gate.enter(Instant.now().plusMillis(300), new Cancellation()))
                    .isInstanceOf(UpstreamException.class).hasMessageContaining("max_concurrency 1");
        }
    }

    @Test
    void requestsPerMinuteHoldsTheRequestAfterTheLimit() throws Exception {
        EndpointGate gate = EndpointGate.of("rpm", spec(null, 3));
        for (int i = 0; i < 3; i++) {
            gate.enter(null, new Cancellation()).close();
        }
        Cancellation cancel = new Cancellation();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> gate.enter(Instant.now().plusMillis(500), cancel))
                .isInstanceOf(UpstreamException.class).hasMessageContaining("requests_per_minute 3");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(450);
    }

    @Test
    void anEndpointWithoutLimitsNeverWaitsAndGatesAreSharedPerEndpoint() throws Exception {
        EndpointSpec s = spec(null, null);
        assertThat(EndpointGate.of("free", s).limited()).isFalse();
        EndpointSpec limited = spec(2, null);
        assertThat(EndpointGate.of("x", limited)).isSameAs(EndpointGate.of("x", limited));
    }
}
