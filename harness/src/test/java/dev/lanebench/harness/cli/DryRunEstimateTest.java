package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run --dry-run: the estimated cost per lane and in total, and the deadline-bound worst-case time. */
class DryRunEstimateTest {
    @TempDir
    Path tmp;
    Path tasks;
    Path lanes;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello"); // deadline 60 s, verify timeout 20 s
        lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  e: {base_url: "http://127.0.0.1:9/v1", api_key_env: EST_KEY}
                models:
                  m: {endpoint: e, id: est/model, price_per_mtok: {input: 1.0, output: 2.0}}
                  free: {endpoint: e, id: est/unpriced}
                lanes:
                  m-flat: {runner: flat, model: m}
                  free-flat: {runner: flat, model: free}
                  oracle: {runner: oracle}
                """);
        env = new HashMap<>(System.getenv());
        env.put("EST_KEY", "sk-estimate");
    }

    private CliRun dryRun(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--reps", "2", "--dry-run"));
        args.addAll(List.of(extra));
        return CliRun.withConfig(env, tasks, lanes, args.toArray(String[]::new));
    }

    @Test
    void estimatesEachLaneFromTheCatalogueAndBoundsTheTime() {
        CliRun r = dryRun("--lanes", "m-flat,free-flat,oracle", "--parallel", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        // t1 default: 150,000 input + 6,000 output tokens = $0.162 per attempt at $1 / $2 per million.
        assertThat(r.out()).containsPattern("m-flat\\s+2\\s+\\$0\\.32\\s+0:02:40\\s+tier default")
                .containsPattern("free-flat\\s+2\\s+no price")
                .containsPattern("oracle\\s+2\\s+\\$0\\.00\\s+0:02:40\\s+no model calls")
                .containsPattern("total\\s+6\\s+unknown\\s+0:08:00")
                .contains("worst case at --parallel 2: 0:05:20")
                .contains("est. $0.162 per attempt");
    }

    @Test
    void anEarlierRunGivesMeasuredTokens() throws Exception {
        Path earlier = tmp.resolve("earlier");
        try (RawCsvWriter w = RawCsvWriter.open(earlier.resolve("raw.csv"))) {
            w.append(new RawRow("earlier", "say-hello", "t1_trivial", "m-flat", "flat", "m", 1, 1, Status.SCORED, 5.0, 5.0,
                    null, 5.0, 5.0, null, "ok", false, 3.0, 2.0, 1.0, 2, 1, null, 100_000L, 0L, 10_000L, null, 0.12, "est/model",
                    true, null, null, "2026-01-01T00:00:00Z", "abc", "0.1.0", "bwrap", null));
        }
        CliRun r = dryRun("--lanes", "m-flat", "--estimate-from", earlier.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("m-flat\\s+2\\s+\\$0\\.24\\s+0:02:40\\s+run earlier, same lane, n=1")
                .containsPattern("total\\s+2\\s+\\$0\\.24");
        CliRun missing = dryRun("--lanes", "m-flat", "--estimate-from", tmp.resolve("nothing").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--estimate-from").contains("holds no raw.csv");
    }
}
