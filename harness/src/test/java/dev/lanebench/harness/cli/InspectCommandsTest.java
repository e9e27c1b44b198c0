package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why an attempt scored what it did: the kept grader result, the row's evidence, attempts and show. */
class InspectCommandsTest {
    static final String SECRET = "sk-lanebench-test-0123456789";
    /** Three checks; the third fails for the oracle and its evidence would leak a secret if not redacted. */
    static final String THREE_CHECKS = """
            import json, os, pathlib
            ws = pathlib.Path(os.environ["LANEBENCH_WORKSPACE"])
            f = ws / "greeting.txt"
            ok = f.is_file() and f.read_text().strip() == "hello"
            checks = [{"name": "greeting says hello", "passed": ok, "weight": 2, "evidence": "read greeting.txt"},
                      {"name": "readme kept", "passed": (ws / "README.md").is_file(), "weight": 1, "evidence": "ok"},
                      {"name": "says goodbye too", "passed": False, "weight": 1, "evidence": "token %s seen"}]
            json.dump({"checks": checks}, open(os.environ["LANEBENCH_RESULT"], "w"))
            """.formatted(SECRET);

    @TempDir
    Path tmp;
    Path out;

    @BeforeEach
    void aRunWithAFailedCheck() throws Exception {
        Path tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello").file("verify/verify.py", THREE_CHECKS)
                .yaml("""
                        id: say-hello
                        title: Say hello
                        tier: t1_trivial
                        kind: implement
                        deadline_s: 60
                        reps: 2
                        verify: {command: [python3, verify.py], timeout_s: 20}
                        budgets: {tools: {write: 0}}
                        """);
        Path lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, RunCommandTest.LANES);
        out = tmp.resolve("run");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LANEBENCH_TEST_API_KEY", SECRET);
        CliRun r = CliRun.withEnv(env, "run", "--tasks-dir", tasks.toString(), "--lanes-file", lanes.toString(),
                "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void eachGradedAttemptKeepsTheGradersWholeResultRedacted() throws Exception {
        Path checks = out.resolve("checks/say-hello/oracle/r1-a1.json");
        JsonNode result = new ObjectMapper().readTree(checks.toFile());
        assertThat(result.path("checks")).hasSize(3);
        assertThat(result.path("checks").get(0).path("weight").asInt()).isEqualTo(2);
        assertThat(result.path("checks").get(2).path("passed").asBoolean()).isFalse();
        assertThat(Files.readString(checks)).doesNotContain(SECRET).contains("token ");
        assertThat(out.resolve("checks/say-hello/noop")).as("no change: verify did not run").doesNotExist();
    }

    @Test
    void theRowsEvidenceNamesTheFailedChecks() throws Exception {
        RawRow oracle = RawCsvReader.read(out.resolve("raw.csv")).stream().filter(r -> r.lane().equals("oracle")).findFirst().orElseThrow();
        assertThat(oracle.verifyEvidence()).isEqualTo("2/3 checks pass; failed: says goodbye too");
        assertThat(oracle.correctness()).isEqualTo(3.75);
    }

    @Test
    void attemptsListsStatusCompositeFailedChecksAndPaths() {
        CliRun r = CliRun.of("attempts", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("TASK").contains("STATUS").contains("TRANSCRIPT").contains("PATCH");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("say-hello").contains("oracle").contains("r1-a1")
                .contains("scored").contains("failed: says goodbye too")
                .contains(out.resolve("transcripts/say-hello/oracle/r1-a1.jsonl").toString())
                .contains(out.resolve("patches/say-hello/oracle/r1-a1.diff").toString()));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("noop").contains("r2-a1").contains("0.00"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("4 of 4 attempts in " + out);
    }

    @Test
    void attemptsFiltersByLaneStatusAndLostPoints() throws Exception {
        assertThat(CliRun.of("attempts", out.toString(), "--lane", "noop").out()).doesNotContain(" oracle ");
        assertThat(CliRun.of("attempts", out.toString(), "--status", "infra_error").out()).contains("0 of 4 attempts");
        assertThat(CliRun.of("attempts", out.toString(), "--failed", "--lane", "oracle").out()).contains("2 of 4 attempts");
        CliRun bad = CliRun.of("attempts", out.toString(), "--status", "broken");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'broken' is not one of scored, infra_error, verify_error, not_run");
    }

    @Test
    void attemptsListsWhatTheRunDidNotMake() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(out.resolve("run.json").toFile());
        manifest.putArray("not_run").addObject().put("task", "say-hello").put("lane", "glm-5.2-flat")
                .put("replication", 1).put("reason", "cost cap of 5.00 USD reached");
        json.writeValue(out.resolve("run.json").toFile(), manifest);
        CliRun r = CliRun.of("attempts", out.toString(), "--status", "not_run");
        assertThat(r.out()).contains("glm-5.2-flat").contains("r1 ").contains("not_run").contains("cost cap of 5.00 USD reached")
                .contains("1 of 5 attempts");
    }

    @Test
    void showPrintsChecksBreachesPatchAndTheLastTurns() {
        CliRun r = CliRun.of("show", out.toString(), "say-hello", "oracle");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("say-hello × oracle r1-a1 (replications 1, 2; --rep K for another)")
                .contains("status scored")
                .contains("checks: 2/3 pass")
                .contains("pass  greeting says hello (weight 2.00): read greeting.txt")
                .contains("FAIL  says goodbye too")
                .contains("budget breaches: 1 (write 1>0), process 2.50")
                .contains("patch: 1 file changed, +1 −1")
                .contains("  greeting.txt  +1 −1")
                .contains("tool ")
                .doesNotContain(SECRET);
        CliRun rep2 = CliRun.of("show", out.toString(), "say-hello", "noop", "--rep", "2");
        assertThat(rep2.out()).contains("say-hello × noop r2-a1").contains("checks: none kept (no change, so verify did not run)");
        CliRun missing = CliRun.of("show", out.toString(), "say-hello", "noop", "--rep", "7");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("has no replication 7 (it has r1, r2)");
    }
}
