package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.ScriptedModel;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --max-cost and max_cost_usd against a scripted model whose usage makes every attempt cost exactly $0.20 (two
 * calls of 100,000 input tokens at $1 per million): new attempts stop once spent + in-flight estimates reach the
 * cap, overshooting by at most one attempt per parallel slot; what was not run is on record; --resume with a
 * higher cap finishes the run.
 */
class CostCapTest {
    static final double ATTEMPT_USD = 0.20;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    ScriptedModel model;
    Path tasks;
    Path lanes;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        model = new ScriptedModel().usage(100_000, 0);
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  scripted: {base_url: "%s", api_key_env: CAP_KEY}
                models:
                  m: {endpoint: scripted, id: cap/model, price_per_mtok: {input: 1.0, output: 1.0}}
                lanes:
                  cheap-flat: {runner: flat, model: m, max_turns: 5}
                  capped-flat: {runner: flat, model: m, max_turns: 5, max_cost_usd: 0.5}
                """.formatted(model.baseUrl("scripted")));
        env = new HashMap<>(System.getenv());
        env.put("CAP_KEY", "sk-cap-test");
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private CliRun run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--no-preflight"));
        args.addAll(List.of(extra));
        return CliRun.withConfig(env, tasks, lanes, args.toArray(String[]::new));
    }

    private static double spent(List<RawRow> rows) {
        return rows.stream().mapToDouble(r -> r.costUsd() == null ? 0 : r.costUsd()).sum();
    }

    @Test
    void maxCostOvershootsByAtMostOneAttemptPerSlotAndResumeWithAHigherCapFinishes() throws Exception {
        Path out = tmp.resolve("capped");
        int parallel = 4;
        double cap = 1.0;
        CliRun r = run("--lanes", "cheap-flat", "--reps", "20", "--parallel", String.valueOf(parallel), "--max-cost",
                String.valueOf(cap), "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows).allMatch(x -> x.status() == Status.SCORED)
                .allSatisfy(x -> assertThat(x.costUsd()).isCloseTo(ATTEMPT_USD, org.assertj.core.data.Offset.offset(1e-9)));
        double spent = spent(rows);
        assertThat(spent).as("the cap was reached").isGreaterThanOrEqualTo(cap - 1e-9);
        assertThat(spent).as("overshoot of at most one attempt per parallel slot")
                .isLessThanOrEqualTo(cap + parallel * ATTEMPT_USD + 1e-9);

        JsonNode manifest = JSON.readTree(out.resolve("run.json").toFile());
        Set<Integer> ran = new HashSet<>();
        rows.forEach(x -> ran.add(x.replication()));
        Set<Integer> notRun = new HashSet<>();
        manifest.path("not_run").forEach(n -> {
            assertThat(n.path("task").asText()).isEqualTo("say-hello");
            assertThat(n.path("lane").asText()).isEqualTo("cheap-flat");
            assertThat(n.path("reason").asText()).contains("--max-cost $1.00 reached");
            notRun.add(n.path("replication").asInt());
        });
        assertThat(notRun).doesNotContainAnyElementsOf(ran);
        assertThat(ran.size() + notRun.size()).isEqualTo(20);
        assertThat(manifest.path("cost").path("spent_usd").asDouble()).isCloseTo(spent, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Files.readString(out.resolve("summary.md"))).contains("## Not measured")
                .containsPattern("- say-hello × cheap-flat r\\d+ not run: --max-cost \\$1\\.00 reached");
        assertThat(r.err()).contains("replications not run").contains("--resume");

        CliRun resumed = run("--resume", out.toString(), "--max-cost", "100", "--parallel", String.valueOf(parallel));
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        List<RawRow> all = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(all).hasSize(20).extracting(RawRow::replication).doesNotHaveDuplicates();
        assertThat(JSON.readTree(out.resolve("run.json").toFile()).path("not_run")).isEmpty();
    }

    @Test
    void aLaneCapStopsOnlyThatLane() throws Exception {
        Path out = tmp.resolve("lane-cap");
        CliRun r = run("--lanes", "cheap-flat,capped-flat", "--reps", "6", "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows.stream().filter(x -> x.lane().equals("cheap-flat"))).hasSize(6);
        List<RawRow> capped = rows.stream().filter(x -> x.lane().equals("capped-flat")).toList();
        assertThat(spent(capped)).isGreaterThanOrEqualTo(0.5 - 1e-9).isLessThanOrEqualTo(0.5 + ATTEMPT_USD + 1e-9);
        JsonNode notRun = JSON.readTree(out.resolve("run.json").toFile()).path("not_run");
        assertThat(notRun).hasSize(6 - capped.size());
        notRun.forEach(n -> assertThat(n.path("reason").asText()).contains("max_cost_usd $0.50 of lane capped-flat"));
    }
}
