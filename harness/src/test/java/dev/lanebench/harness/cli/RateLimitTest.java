package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.harness.ScriptedModel;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint's max_concurrency holds across every parallel attempt and lane: --parallel 16 over two endpoints
 * (limits 2 and 3), checked by the scripted server counting the requests it holds at once.
 */
class RateLimitTest {
    @TempDir
    Path tmp;
    ScriptedModel model;

    @AfterEach
    void tearDown() {
        model.close();
    }

    @Test
    void parallelSixteenNeverExceedsEitherEndpointsConcurrency() throws Exception {
        model = new ScriptedModel().latency(300);
        Path tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        Path lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  two: {base_url: "%s", api_key_env: RL_KEY, max_concurrency: 2}
                  three: {base_url: "%s", api_key_env: RL_KEY, max_concurrency: 3}
                models:
                  m2: {endpoint: two, id: rl/two}
                  m3: {endpoint: three, id: rl/three}
                lanes:
                  two-flat: {runner: flat, model: m2, max_turns: 5}
                  two-again: {runner: flat, model: m2, max_turns: 5}
                  three-flat: {runner: flat, model: m3, max_turns: 5}
                """.formatted(model.baseUrl("two"), model.baseUrl("three")));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("RL_KEY", "sk-rate-test");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.withConfig(env, tasks, lanes, "run", "--lanes", "two-flat,two-again,three-flat", "--reps", "8",
                "--parallel", "16", "--out", out.toString(), "--no-preflight");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows).hasSize(24).allMatch(x -> x.status() == Status.SCORED);
        assertThat(model.maxInFlight("two")).as("two lanes share the endpoint's 2 slots").isEqualTo(2);
        assertThat(model.maxInFlight("three")).isEqualTo(3);
    }
}
