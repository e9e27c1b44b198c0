package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    static final String LANES = """
            lanes:
              oracle: {runner: oracle}
              noop: {runner: noop}
            """;

    @TempDir
    Path tmp;
    Path tasks;
    Path lanes;
    Path scoring = Path.of("../scoring.yaml").toAbsolutePath();

    @BeforeEach
    void catalogue() throws Exception {
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, LANES);
    }

    private CliRun run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--tasks-dir", tasks.toString(),
                "--lanes-file", lanes.toString(), "--scoring-file", scoring.toString(), "--retry-backoff", "0"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
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
        assertThat(r.out()).contains("results: " + out);
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
        Files.writeString(lanes, LANES + """
                  far-away: {runner: flat, model: m}
                endpoints:
                  e: {base_url: https://example.invalid/v1, api_key_env: LANEBENCH_TEST_KEY_THAT_IS_NOT_SET}
                models:
                  m: {endpoint: e, id: some/model}
                """);
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
}
