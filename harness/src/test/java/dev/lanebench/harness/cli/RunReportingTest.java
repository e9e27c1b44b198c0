package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.TaskFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run tells its user: progress on stderr, tables alone on stdout, and what it did not measure, on record. */
class RunReportingTest {
    static final String NO_KEY_LANES = RunCommandTest.LANES + """
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
        Files.writeString(lanes, RunCommandTest.LANES);
    }

    private CliRun run(String... extra) {
        return CliRun.run(tasks, lanes, extra);
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
