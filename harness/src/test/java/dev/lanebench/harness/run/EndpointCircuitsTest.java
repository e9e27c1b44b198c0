package dev.lanebench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.ScriptedModel;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.lanes.LanesFile;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that keeps answering 429 pauses new attempts, longer each time; a success resets it; a run waits the
 * pause out before its next attempt on that endpoint and records it.
 */
class EndpointCircuitsTest {
    private static ModelCall call(int status) {
        return new ModelCall("m", status == 200 ? "m" : null, null, status, status == 200, 5, null, null, null, null, null,
                null, "main", status == 200 ? null : "HTTP " + status);
    }

    @Test
    void tripsAfterTheThresholdAndDoublesThePause() throws Exception {
        EndpointCircuits c = new EndpointCircuits(new EndpointCircuits.Policy(3, Duration.ofMillis(200), Duration.ofMillis(300)));
        c.observe("e", call(429));
        c.observe("e", call(429));
        assertThat(c.pausedUntil("e")).isZero();
        c.observe("e", call(429));
        assertThat(c.pausedUntil("e")).isPositive();
        assertThat(c.pausedUntil("other")).isZero();
        assertThat(c.pauses()).singleElement().satisfies(p -> {
            assertThat(p.endpoint()).isEqualTo("e");
            assertThat(p.consecutive429()).isEqualTo(3);
        });
        Thread.sleep(250);
        assertThat(c.pausedUntil("e")).isZero();
        for (int i = 0; i < 3; i++) {
            c.observe("e", call(429));
        }
        assertThat(c.pauses()).hasSize(2);
        assertThat(c.pauses().get(1).pauseSeconds()).isEqualTo(0.3);
        assertThat(Duration.ofNanos(c.pausedUntil("e") - System.nanoTime())).as("doubled, capped at the maximum")
                .isGreaterThan(Duration.ofMillis(200)).isLessThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aSuccessOrAnotherErrorBreaksTheStreak() {
        EndpointCircuits c = new EndpointCircuits(new EndpointCircuits.Policy(2, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        c.observe("e", call(429));
        c.observe("e", call(200));
        c.observe("e", call(429));
        assertThat(c.pausedUntil("e")).isZero();
        c.observe("e", call(500));
        c.observe("e", call(429));
        assertThat(c.pausedUntil("e")).as("a 500 neither counts nor resets").isPositive();
    }

    @TempDir
    Path tmp;

    @Test
    void aRunPausesAnEndpointThatKeepsAnswering429AndRecordsItInRunJson() throws Exception {
        try (ScriptedModel model = new ScriptedModel()) {
            model.override("busy/model", req -> new ScriptedModel.Reply(429, ScriptedModel.error(429, "slow down"),
                    Map.of("Retry-After", "0")));
            Path tasks = tmp.resolve("tasks");
            TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
            Path lanesFile = tmp.resolve("lanes.yaml");
            Files.writeString(lanesFile, """
                    endpoints:
                      busy: {base_url: "%s", api_key_env: BUSY_KEY}
                    models:
                      m: {endpoint: busy, id: busy/model}
                    lanes:
                      busy-flat: {runner: flat, model: m}
                    """.formatted(model.baseUrl("busy")));
            LaneSet lanes = LanesFile.load(lanesFile);
            Path out = tmp.resolve("out");
            RunControls controls = new RunControls(null, null, null, null, null,
                    new EndpointCircuits.Policy(3, Duration.ofMillis(600), Duration.ofSeconds(2)));
            RunRequest req = new RunRequest(Catalogue.load(tasks).tasks(), List.of(lanes.lane("busy-flat")), 3, out, false, 1,
                    new RetryPolicy(0, Duration.ZERO), false, List.of(), List.copyOf(lanes.all()), null, List.of(), null, controls);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("BUSY_KEY", "sk-busy");
            int exit = new RunSession(env, ScoringConfig.load(Path.of("../scoring.yaml")),
                    new PrintStream(OutputStream.nullOutputStream()), List.of()).run(req, Map.of());
            assertThat(exit).isEqualTo(1);

            List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
            assertThat(rows).hasSize(3).allMatch(r -> r.status() == Status.INFRA_ERROR);
            JsonNode pauses = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("endpoint_pauses");
            assertThat(pauses).isNotEmpty();
            assertThat(pauses.get(0).path("endpoint").asText()).isEqualTo("busy");
            assertThat(pauses.get(0).path("consecutive_429").asInt()).isEqualTo(3);
            for (int i = 1; i < rows.size(); i++) {
                RawRow before = rows.get(i - 1);
                double gap = Duration.between(Instant.parse(before.startedAt()), Instant.parse(rows.get(i).startedAt()))
                        .toMillis() / 1000.0 - before.wallS();
                assertThat(gap).as("the next attempt waited out the pause").isGreaterThan(0.4);
            }
        }
    }
}
