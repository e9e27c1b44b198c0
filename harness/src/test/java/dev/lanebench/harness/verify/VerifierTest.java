package dev.lanebench.harness.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.harness.TaskFixture;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.catalogue.TaskLoader;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.Sandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {
    @TempDir
    Path tmp;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("OPENROUTER_API_KEY", "sk-or-secret-value-123456");
        return env;
    }

    private VerifyOutcome verifyWith(String script, String timeoutLine) throws Exception {
        TaskFixture f = TaskFixture.greeting(tmp.resolve("tasks"), "t1_trivial", "say-hello");
        f.file("verify/verify.py", script);
        if (timeoutLine != null) {
            f.yaml(Files.readString(f.taskYaml()).replace("timeout_s: 20", timeoutLine));
        }
        Task task = TaskLoader.load(f.dir());
        Path ws = tmp.resolve("ws");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("greeting.txt"), "hello\n");
        return Verifier.run(task, ws, tmp.resolve("t.jsonl"), tmp.resolve("scratch"), env(), Sandboxes.bestAvailable(),
                SandboxLimits.DEFAULTS);
    }

    private static String writes(String json) {
        return "import os\nopen(os.environ['LANEBENCH_RESULT'], 'w').write('''" + json + "''')\n";
    }

    @Test
    void scoreIsComputedFromWeightedChecksWhenAbsent() throws Exception {
        VerifyOutcome o = verifyWith(writes("""
                {"checks": [{"name": "a", "passed": true, "weight": 3}, {"name": "b", "passed": false, "weight": 1}]}"""), null);
        assertThat(o).isInstanceOf(VerifyOutcome.Graded.class);
        VerifyOutcome.Graded g = (VerifyOutcome.Graded) o;
        assertThat(g.score()).isEqualTo(3.75);
        assertThat(g.passed()).isEqualTo(1);
        assertThat(g.total()).isEqualTo(2);
        assertThat(g.passedChecks()).containsExactly("a");
        assertThat(g.failedChecks()).containsExactly("b");
        assertThat(g.evidence()).isEqualTo("1/2 checks pass; failed: b");
        assertThat(g.result()).containsPattern("\"weight\" ?: ?3");
    }

    @Test
    void theEvidenceNamesTheFailedChecksUpToALengthThenCountsTheRest() {
        assertThat(Verifier.shortEvidence("6/8 checks pass", java.util.List.of("expired get", "lru order")))
                .isEqualTo("6/8 checks pass; failed: expired get, lru order");
        java.util.List<String> many = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "check number " + i).toList();
        String e = Verifier.shortEvidence("0/40 checks pass", many);
        assertThat(e).startsWith("0/40 checks pass; failed: check number 0, check number 1,").endsWith(" more)");
        assertThat(e.length()).isLessThan(240);
        assertThat(Verifier.shortEvidence("all good", java.util.List.of())).isEqualTo("all good");
    }

    @Test
    void explicitScoreAndEvidenceAreTaken() throws Exception {
        VerifyOutcome.Graded g = (VerifyOutcome.Graded) verifyWith(writes("""
                {"score": 2.5, "checks": [], "evidence": "half way"}"""), null);
        assertThat(g.score()).isEqualTo(2.5);
        assertThat(g.evidence()).isEqualTo("half way");
    }

    @Test
    void greetingFixtureGradesTheWorkspace() throws Exception {
        VerifyOutcome.Graded g = (VerifyOutcome.Graded) verifyWith(TaskFixture.GREETING_VERIFY, null);
        assertThat(g.score()).isEqualTo(5.0);
    }

    @Test
    void nonZeroExitIsVerifyError() throws Exception {
        VerifyOutcome o = verifyWith(writes("{\"score\": 5}") + "raise SystemExit(3)\n", null);
        assertThat(o).isInstanceOf(VerifyOutcome.Failed.class);
        assertThat(((VerifyOutcome.Failed) o).reason()).startsWith("verify exited 3");
    }

    @Test
    void crashShowsTheLastLineOfItsOutput() throws Exception {
        VerifyOutcome o = verifyWith("raise ValueError('grader bug here')\n", null);
        assertThat(((VerifyOutcome.Failed) o).reason()).contains("ValueError: grader bug here");
    }

    @Test
    void timeoutKillsTheWholeTreeAndIsVerifyError() throws Exception {
        String tag = dev.lanebench.runners.sandbox.TestSandboxes.tag();
        String script = """
                import subprocess, time
                subprocess.Popen(["bash", "-c", "trap '' TERM; sleep %s"])
                subprocess.Popen(["setsid", "-f", "sleep", "%s"])
                time.sleep(60)
                """.formatted(tag, tag);
        long start = System.nanoTime();
        VerifyOutcome o = verifyWith(script, "timeout_s: 2");
        assertThat(((VerifyOutcome.Failed) o).reason()).isEqualTo("verify timed out after 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        Thread.sleep(300);
        assertThat(dev.lanebench.runners.sandbox.TestSandboxes.running("sleep " + tag)).isEmpty();
    }

    @Test
    void missingResultFileIsVerifyError() throws Exception {
        VerifyOutcome o = verifyWith("print('graded, but forgot to write')\n", null);
        assertThat(((VerifyOutcome.Failed) o).reason()).isEqualTo("verify wrote no result file");
    }

    @Test
    void badJsonIsVerifyError() throws Exception {
        VerifyOutcome o = verifyWith(writes("{score: five"), null);
        assertThat(((VerifyOutcome.Failed) o).reason()).startsWith("verify result is not JSON");
    }

    @Test
    void scoreOutsideRangeIsVerifyError() throws Exception {
        VerifyOutcome o = verifyWith(writes("{\"score\": 7.5}"), null);
        assertThat(((VerifyOutcome.Failed) o).reason()).contains("outside 0–5");
    }

    @Test
    void checkWithoutBooleanPassedIsVerifyError() throws Exception {
        VerifyOutcome o = verifyWith(writes("{\"checks\": [{\"name\": \"a\", \"passed\": \"yes\"}]}"), null);
        assertThat(((VerifyOutcome.Failed) o).reason()).contains("boolean passed");
    }

    @Test
    void graderEnvironmentHoldsNoHarnessSecret() throws Exception {
        Path envDump = tmp.resolve("env.txt");
        String script = "import os\nopen(r'%s','w').write('\\n'.join(f'{k}={v}' for k,v in os.environ.items()))\n".formatted(envDump)
                + writes("{\"score\": 1}");
        verifyWith(script, null);
        String dumped = Files.readString(envDump);
        assertThat(dumped).contains("LANEBENCH_WORKSPACE=").doesNotContain("sk-or-secret-value-123456")
                .doesNotContain("OPENROUTER_API_KEY");
    }
}
