package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.harness.ScriptedModel;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards on one machine: N `run --shard i/N` processes over one plan, merged, are the same run row for row
 * (timings aside) as the plan in one process; merging again changes nothing; a part killed with SIGKILL and
 * resumed merges cleanly; parts that are not one run are refused.
 */
class ShardMergeTest {
    static final String RUN_ID = "matrix-7";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    ScriptedModel model;
    Path tasks;
    Path lanes;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        model = new ScriptedModel().usage(2000, 100);
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        TaskFixture.greeting(tasks, "t2_medium", "say-hello-again");
        lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  scripted: {base_url: "%s", api_key_env: SHARD_KEY}
                models:
                  m: {endpoint: scripted, id: shard/model, price_per_mtok: {input: 1.0, output: 2.0}}
                lanes:
                  m-flat: {runner: flat, model: m, max_turns: 5}
                  oracle: {runner: oracle}
                  noop: {runner: noop}
                """.formatted(model.baseUrl("scripted")));
        env = new HashMap<>(System.getenv());
        env.put("SHARD_KEY", "sk-shard-test");
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private List<String> runArgs(Path out, String... extra) {
        List<String> args = CliRun.withConfig(tasks, lanes, "run", "--lanes", "m-flat,oracle,noop", "--reps", "3",
                "--run-id", RUN_ID, "--out", out.toString(), "--no-preflight");
        args.addAll(Arrays.asList(extra));
        return args;
    }

    private Process part(int i, int n) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.lanebench.harness.cli.Main"));
        argv.addAll(runArgs(tmp.resolve("parts/" + i), "--shard", i + "/" + n));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("part-" + i + ".log").toFile());
        pb.environment().put("SHARD_KEY", "sk-shard-test");
        return pb.start();
    }

    private List<Path> runParts(int n) throws Exception {
        List<Process> procs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            procs.add(part(i, n));
        }
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Process p = procs.get(i - 1);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(tmp.resolve("part-" + i + ".log"))).isIn(0, 1);
            dirs.add(tmp.resolve("parts/" + i));
        }
        return dirs;
    }

    private CliRun merge(Path out, List<Path> parts) {
        List<String> args = new ArrayList<>(List.of("merge", out.toString()));
        parts.forEach(p -> args.add(p.toString()));
        return CliRun.withEnv(env, args.toArray(String[]::new));
    }

    /** A row without what depends on timing: its wall clock, seconds, start and the time-weighted scores. */
    private static List<Object> timeless(RawRow r) {
        return Arrays.asList(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), r.replication(), r.attempt(),
                r.status(), r.correctness(), r.process(), r.costEff(), r.quality(), r.verifyEvidence(), r.timedOut(),
                r.turns(), r.toolCalls(), r.budgetViolations(), r.inputTokens(), r.cachedTokens(), r.outputTokens(),
                r.reasoningTokens(), r.costUsd(), r.servedModels(), r.routeOk(), r.agentExit(), r.error(), r.taskHash());
    }

    private static List<List<Object>> rows(Path run) throws IOException {
        return RawCsvReader.read(run.resolve("raw.csv")).stream()
                .sorted(Comparator.comparing(RawRow::task).thenComparing(RawRow::lane).thenComparingInt(RawRow::replication)
                        .thenComparingInt(RawRow::attempt))
                .map(ShardMergeTest::timeless).toList();
    }

    /** Every file under a folder with its bytes, by relative path. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return m;
    }

    @Test
    void fourShardProcessesMergedAreTheSingleProcessRunRowForRowAndMergingAgainChangesNothing() throws Exception {
        Path single = tmp.resolve("single");
        CliRun one = CliRun.withEnv(env, runArgs(single).toArray(String[]::new));
        assertThat(one.exit()).as(one.out() + one.err()).isZero();
        List<Path> parts = runParts(4);
        for (Path p : parts) {
            JsonNode m = JSON.readTree(p.resolve("run.json").toFile());
            assertThat(m.path("run_id").asText()).isEqualTo(RUN_ID);
            assertThat(RawCsvReader.read(p.resolve("raw.csv"))).allMatch(r -> r.runId().equals(RUN_ID));
        }

        Path merged = tmp.resolve("merged");
        CliRun m = merge(merged, parts);
        assertThat(m.exit()).as(m.out() + m.err()).isEqualTo(one.exit());
        assertThat(rows(merged)).hasSize(18).isEqualTo(rows(single));
        JsonNode manifest = JSON.readTree(merged.resolve("run.json").toFile());
        assertThat(manifest.path("run_id").asText()).isEqualTo(RUN_ID);
        assertThat(manifest.has("shard")).isFalse();
        assertThat(manifest.path("shards")).hasSize(4);
        List<String> shards = new ArrayList<>();
        manifest.path("shards").forEach(s -> shards.add(s.path("shard").asText()));
        assertThat(shards).containsExactly("1/4", "2/4", "3/4", "4/4");
        assertThat(manifest.has("missing_shards")).isFalse();
        assertThat(manifest.path("status_counts").path("scored").asInt()).isEqualTo(18);
        for (RawRow r : RawCsvReader.read(merged.resolve("raw.csv"))) {
            String attempt = r.task() + "/" + r.lane() + "/r" + r.replication() + "-a" + r.attempt();
            assertThat(merged.resolve("transcripts/" + attempt + ".jsonl")).exists();
            assertThat(merged.resolve("patches/" + attempt + ".diff")).exists();
        }
        assertThat(Files.readAllLines(merged.resolve("routes.jsonl"))).hasSameSizeAs(Files.readAllLines(single.resolve("routes.jsonl")));
        assertThat(Files.readString(merged.resolve("summary.md"))).contains("(merged)").contains("m-flat");

        Map<String, String> first = tree(merged);
        assertThat(merge(merged, parts).exit()).isEqualTo(m.exit());
        assertThat(tree(merged)).as("merging again").isEqualTo(first);
        assertThat(merge(merged, parts.subList(0, 2)).exit()).isEqualTo(m.exit());
        assertThat(tree(merged)).as("merging a merge with some of its parts").isEqualTo(first);
    }

    @Test
    void aPartKilledWithSigkillAndResumedMergesCleanly() throws Exception {
        Path single = tmp.resolve("single");
        assertThat(CliRun.withEnv(env, runArgs(single).toArray(String[]::new)).exit()).isIn(0, 1);
        model.latency(400);
        List<Process> others = new ArrayList<>();
        for (int i = 2; i <= 3; i++) {
            others.add(part(i, 3));
        }
        Process victim = part(1, 3);
        Path raw = tmp.resolve("parts/1/raw.csv");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((!Files.exists(raw) || Files.readAllLines(raw).size() < 3) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(victim.isAlive()).as("killed mid-run").isTrue();
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).isEqualTo(137);
        for (Process p : others) {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        }
        model.latency(0);
        CliRun resumed = CliRun.withConfig(env, tasks, lanes, "run", "--resume", tmp.resolve("parts/1").toString(),
                "--no-preflight");
        assertThat(resumed.err()).contains("shard 1/3").contains("already done");
        JsonNode partManifest = JSON.readTree(tmp.resolve("parts/1/run.json").toFile());
        assertThat(partManifest.path("resumed_at")).hasSize(1);

        Path merged = tmp.resolve("merged");
        CliRun m = merge(merged, List.of(tmp.resolve("parts/1"), tmp.resolve("parts/2"), tmp.resolve("parts/3")));
        assertThat(m.exit()).as(m.out() + m.err()).isIn(0, 1);
        assertThat(rows(merged)).isEqualTo(rows(single));
    }

    @Test
    void partsOfAnotherRunOrAnotherTaskVersionAreRefused() throws Exception {
        List<Path> parts = runParts(2);
        ObjectNode m = (ObjectNode) JSON.readTree(parts.get(1).resolve("run.json").toFile());
        ((ObjectNode) m.path("tasks").get(0)).put("hash", "0123456789ab");
        Files.writeString(parts.get(1).resolve("run.json"), m.toString());
        CliRun r = merge(tmp.resolve("merged"), parts);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to pool two versions of a task").doesNotContain("Exception");
        assertThat(tmp.resolve("merged")).doesNotExist();

        m.put("run_id", "another-run");
        Files.writeString(parts.get(1).resolve("run.json"), m.toString());
        CliRun other = merge(tmp.resolve("merged"), parts);
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains("is run another-run");
    }
}
