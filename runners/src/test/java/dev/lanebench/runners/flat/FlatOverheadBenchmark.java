package dev.lanebench.runners.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.upstream.OpenAiWire;
import dev.lanebench.runners.upstream.OpenAiWire.Call;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the flat runner's own cost per turn against a model that answers instantly: wall time per turn, and
 * how much of it is the HTTP round trip (ModelCall latency) versus the loop and the tool. A benchmark, not a
 * test: run with {@code -Dlanebench.bench=true -Dtest=FlatOverheadBenchmark}.
 */
@EnabledIfSystemProperty(named = "lanebench.bench", matches = "true")
class FlatOverheadBenchmark {
    private static final int TURNS = 200;

    @TempDir
    Path root;

    @Test
    void perTurnOverheadWithReadFileTurns() throws Exception {
        measure("read_file", new Call("c", "read_file", "{\"path\":\"src/app.py\"}"));
    }

    @Test
    void perTurnOverheadWithRunTurns() throws Exception {
        measure("run true", new Call("c", "run", "{\"command\":\"true\"}"));
    }

    private void measure(String label, Call call) throws Exception {
        for (int round = 0; round < 2; round++) {
            // Round 0 warms the JIT and the connection pool; round 1 is reported.
            Path ws = Files.createDirectories(root.resolve(label.replace(' ', '_') + round + "/ws"));
            Path scratch = Files.createDirectories(root.resolve(label.replace(' ', '_') + round + "/scratch"));
            Files.createDirectories(ws.resolve("src"));
            Files.writeString(ws.resolve("src/app.py"), "print('hello')\n".repeat(200));
            String toolTurn = OpenAiWire.completion(OpenAiWire.MODEL_ID, "", "tool_calls",
                    java.util.List.of(call)).toString();
            String last = OpenAiWire.completion(OpenAiWire.MODEL_ID, "done", "stop", java.util.List.of()).toString();
            AtomicInteger served = new AtomicInteger();
            MockWebServer server = new MockWebServer();
            server.setServerSocketFactory(new dev.lanebench.runners.upstream.NoDelayServerSockets());
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    boolean end = served.incrementAndGet() >= TURNS;
                    return new MockResponse().setHeader("Content-Type", "application/json")
                            .setBody(end ? last : toolTurn);
                }
            });
            server.start();
            RecordingLog log = new RecordingLog();
            long t0 = System.nanoTime();
            AgentOutcome outcome;
            try (var sandbox = dev.lanebench.runners.sandbox.TestSandboxes.open(ws, scratch, java.util.List.of())) {
                outcome = FlatFixtures.runner(FlatFixtures.lane(server, TURNS + 1, 1024, null, null, null))
                        .run(FlatFixtures.task(ws, scratch, "bench", Duration.ofMinutes(5), log, sandbox));
            }
            long wallUs = (System.nanoTime() - t0) / 1000;
            server.shutdown();
            assertThat(outcome.turns()).isEqualTo(TURNS);
            long httpMs = log.calls.stream().mapToLong(ModelCall::latencyMs).sum();
            if (round == 1) {
                System.out.printf("flat overhead [%s]: %d turns, %.2f ms/turn wall, of which %.2f ms HTTP round "
                                + "trip (client + loopback + mock server), %.2f ms loop + tool%n",
                        label, TURNS, wallUs / 1000.0 / TURNS, (double) httpMs / TURNS,
                        (wallUs / 1000.0 - httpMs) / TURNS);
            }
        }
    }
}
