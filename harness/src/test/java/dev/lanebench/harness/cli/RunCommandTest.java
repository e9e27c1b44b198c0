package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lanebench run end to end over a test catalogue: rows, files, refusals, and what the run tells its user. */
class RunCommandTest {
    static final String LANES = """
            lanes:
              oracle: {runner: oracle}
              noop: {runner: noop}
            """;
    /** The shipped lanes plus a model lane whose key variable is not set. */
    static final String NO_KEY_LANES = LANES + """
              far-away: {runner: flat, model: m}
            endpoints:
              e: {base_url: https://example.invalid/v1, api_key_env: LANEBENCH_TEST_KEY_THAT_IS_NOT_SET}
            models:
              m: {endpoint: e, id: some/model}
            """;

    @TempDir
    Path tmp;
    Path tasks;
    Path lanes;

    @BeforeEach
    void catalogue() throws Exception {
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, LANES);
    }

    private CliRun run(String... extra) {
        return CliRun.run(tasks, lanes, java.util.stream.Stream.concat(java.util.stream.Stream.of("--retry-backoff", "0"), java.util.Arrays.stream(extra)).toArray(String[]::new));
    }

    private RawRow row(List<RawRow> rows, String lane) {
        return rows.stream().filter(r -> r.lane().equals(lane)).findFirst().orElseThrow();
    }

    @Test
    void oracleScoresFullAndNoopGetsNoCredit() throws Exception {
        Path out = tmp.resolve("run1");
        CliRun r = run("--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows).hasSize(2).allMatch(x -> x.status() == Status.SCORED);

        RawRow oracle = row(rows, "oracle");
        assertThat(oracle.correctness()).isEqualTo(5.0);
        assertThat(oracle.composite()).isGreaterThanOrEqualTo(4.5);
        assertThat(oracle.verifyEvidence()).isEqualTo("greeting ok");
        assertThat(oracle.costUsd()).as("not measured for oracle").isNull();
        assertThat(oracle.inputTokens()).isNull();
        assertThat(oracle.runId()).isEqualTo("run1");

        RawRow noop = row(rows, "noop");
        assertThat(noop.correctness()).isZero();
        assertThat(noop.composite()).isZero();
        assertThat(noop.verifyEvidence()).isEqualTo("no change");

        assertThat(Files.readString(out.resolve("patches/say-hello/oracle/r1-a1.diff"))).contains("+hello").contains("-todo");
        assertThat(Files.readString(out.resolve("patches/say-hello/noop/r1-a1.diff"))).isEmpty();
        assertThat(Files.readString(out.resolve("transcripts/say-hello/oracle/r1-a1.jsonl")))
                .contains("\"type\":\"tool_call\"").contains("\"tool\":\"write\"");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(manifest.path("tasks").get(0).path("hash").asText()).hasSize(12);
        assertThat(manifest.path("ended_at").isNull()).isFalse();
        assertThat(manifest.path("raw_schema").asInt()).isEqualTo(2);
        for (JsonNode lane : manifest.path("lanes")) {
            assertThat(row(rows, lane.path("name").asText()).sandbox()).as("the row names the lane's sandbox")
                    .isEqualTo(lane.path("sandbox").path("backend").asText()).isNotEmpty();
        }
        assertThat(Files.readString(out.resolve("summary.md"))).contains("say-hello").contains("oracle");
        assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"matrix-table\"")
                .contains("\"runs\":[\"\"]").contains("[\"say-hello\",\"say-hello\",\"oracle\"]");
        assertThat(r.err()).contains("results: " + out);
        assertThat(r.out()).doesNotContain("results: ").contains("say-hello");
    }

    @Test
    void tableReprintsTheRunsNumbers() {
        Path out = tmp.resolve("run2");
        assertThat(run("--out", out.toString()).exit()).isZero();
        CliRun table = CliRun.of("table", out.toString());
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("say-hello").contains("5.00").contains("0.00");
        CliRun json = CliRun.of("table", out.resolve("raw.csv").toString(), "--format", "json");
        assertThat(json.exit()).isZero();
        assertThat(json.out().trim()).startsWith("{");
    }

    @Test
    void budgetBreachIsAViolationNotAStop() throws Exception {
        Files.writeString(tasks.resolve("t1_trivial/say-hello/task.yaml"),
                Files.readString(tasks.resolve("t1_trivial/say-hello/task.yaml")) + "budgets: {tools: {write: 0}}\n");
        Path out = tmp.resolve("run3");
        assertThat(run("--out", out.toString(), "--lanes", "oracle").exit()).isZero();
        RawRow oracle = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(oracle.correctness()).isEqualTo(5.0);
        assertThat(oracle.budgetViolations()).isEqualTo(1);
        assertThat(oracle.process()).isEqualTo(2.5);
        assertThat(oracle.error()).contains("budget: write 1>0");
        assertThat(oracle.composite()).isLessThan(5.0);
    }

    @Test
    void brokenGraderIsVerifyErrorAndExitOne() throws Exception {
        Files.writeString(tasks.resolve("t1_trivial/say-hello/verify/verify.py"), "raise SystemExit(4)\n");
        Path out = tmp.resolve("run4");
        CliRun r = run("--out", out.toString(), "--lanes", "oracle");
        assertThat(r.exit()).isEqualTo(1);
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.VERIFY_ERROR);
        assertThat(row.correctness()).isNull();
        assertThat(row.composite()).isNull();
        assertThat(row.error()).startsWith("verify: verify exited 4");
    }

    @Test
    void allowNoChangeLetsVerifyGradeTheUntouchedRepo() throws Exception {
        Files.writeString(tasks.resolve("t1_trivial/say-hello/task.yaml"),
                Files.readString(tasks.resolve("t1_trivial/say-hello/task.yaml")) + "allow_no_change: true\n");
        Files.writeString(tasks.resolve("t1_trivial/say-hello/repo/greeting.txt"), "hello\n");
        Path out = tmp.resolve("run5");
        assertThat(run("--out", out.toString(), "--lanes", "noop").exit()).isZero();
        assertThat(RawCsvReader.read(out.resolve("raw.csv")).get(0).correctness()).isEqualTo(5.0);
    }

    @Test
    void repsMakeOneRowPerReplication() throws Exception {
        Path out = tmp.resolve("run6");
        assertThat(run("--out", out.toString(), "--reps", "3", "--parallel", "3").exit()).isZero();
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().map(x -> x.lane() + x.replication()).distinct()).hasSize(6);
    }

    @Test
    void badTaskYamlExitsTwoWithOneLine() throws Exception {
        Files.writeString(tasks.resolve("t1_trivial/say-hello/task.yaml"), "id: say-hello\ncolour: red\n");
        CliRun r = run("--out", tmp.resolve("bad").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).contains("task.yaml: colour: unknown key").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void unknownLaneExitsTwo() {
        CliRun r = run("--lanes", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no lane 'nope'");
    }

    @Test
    void notReadyLanesAreSkippedWithTheirReason() throws Exception {
        Files.writeString(lanes, NO_KEY_LANES);
        CliRun r = run("--dry-run");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("skipping lane far-away: ").contains("plan: 1 tasks × 2 lanes = 2 replications");
        CliRun named = run("--lanes", "far-away", "--dry-run");
        assertThat(named.exit()).isEqualTo(2);
        assertThat(named.err()).contains("lane far-away is not ready");
    }

    @Test
    void outFolderHoldingARunIsRefused() {
        Path out = tmp.resolve("run7");
        assertThat(run("--out", out.toString(), "--lanes", "noop").exit()).isZero();
        CliRun again = run("--out", out.toString(), "--lanes", "noop");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a run").contains("--resume");
    }

    @Test
    void progressGoesToStderrAndStdoutHoldsOnlyTheTables() {
        Path out = tmp.resolve("run");
        CliRun r = run("--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("# lanebench results").doesNotContain("start ").doesNotContain("results: ");
        List<String> err = r.err().lines().toList();
        assertThat(err.get(0)).isEqualTo("run run: 1 tasks × 2 lanes, 2 replications, parallel 1");
        assertThat(err).contains("[0/2] start say-hello × oracle r1 a1", "[1/2] start say-hello × noop r1 a1");
        assertThat(err).anySatisfy(l -> assertThat(l).startsWith("[1/2] scored 1, infra 0, verify 0 · elapsed ")
                .contains("say-hello × oracle r1 a1: scored 5.00 in "));
        assertThat(err).anySatisfy(l -> assertThat(l).startsWith("[2/2] scored 2").endsWith("0 turns — no change"));
        assertThat(err.get(err.size() - 2)).isEqualTo("results: " + out);
        assertThat(err.get(err.size() - 1)).isEqualTo("report: " + out.resolve("report.html")
                + " · not measured: no model was measured");
    }

    @Test
    void aRunWithoutKeysSaysAtTheEndThatNoModelWasMeasuredAndWhy() throws Exception {
        Files.writeString(lanes, NO_KEY_LANES);
        Path out = tmp.resolve("run");
        CliRun r = run("--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> err = r.err().lines().toList();
        assertThat(err.get(0)).isEqualTo("skipping lane far-away: LANEBENCH_TEST_KEY_THAT_IS_NOT_SET not set");
        assertThat(err.get(err.size() - 1)).isEqualTo("report: " + out.resolve("report.html")
                + " · not measured: far-away (LANEBENCH_TEST_KEY_THAT_IS_NOT_SET not set); no model was measured");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(manifest.path("skipped_lanes")).hasSize(1);
        assertThat(manifest.path("skipped_lanes").get(0).path("lane").asText()).isEqualTo("far-away");
        assertThat(manifest.path("skipped_lanes").get(0).path("reason").asText())
                .isEqualTo("LANEBENCH_TEST_KEY_THAT_IS_NOT_SET not set");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("## Not measured")
                .contains("**No model was measured**").contains("- lane `far-away` skipped: LANEBENCH_TEST_KEY_THAT_IS_NOT_SET not set");
    }

    @Test
    void runJsonRecordsTheGitCommitsOfHarnessAndCatalogue() throws Exception {
        Path first = tmp.resolve("run-plain");
        assertThat(run("--out", first.toString(), "--lanes", "noop").exit()).isZero();
        JsonNode git = new ObjectMapper().readTree(first.resolve("run.json").toFile()).path("git");
        assertThat(git.path("harness").path("commit").asText()).isEqualTo(git(Path.of("..").toAbsolutePath(), "rev-parse", "HEAD"));
        assertThat(git.path("catalogue").isNull()).as("a catalogue outside any git checkout").isTrue();

        git(tasks, "init", "-q");
        git(tasks, "add", ".");
        git(tasks, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q", "-m", "catalogue");
        String head = git(tasks, "rev-parse", "HEAD");
        Path clean = tmp.resolve("run-clean");
        assertThat(run("--out", clean.toString(), "--lanes", "noop").exit()).isZero();
        JsonNode cat = new ObjectMapper().readTree(clean.resolve("run.json").toFile()).path("git").path("catalogue");
        assertThat(cat.path("commit").asText()).isEqualTo(head);
        assertThat(cat.path("dirty").asBoolean()).isFalse();

        Files.writeString(tasks.resolve("t1_trivial/say-hello/instruction.md"), "Write hello, please.\n");
        Path dirty = tmp.resolve("run-dirty");
        assertThat(run("--out", dirty.toString(), "--lanes", "noop").exit()).isZero();
        assertThat(new ObjectMapper().readTree(dirty.resolve("run.json").toFile()).path("git").path("catalogue")
                .path("dirty").asBoolean()).isTrue();
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
