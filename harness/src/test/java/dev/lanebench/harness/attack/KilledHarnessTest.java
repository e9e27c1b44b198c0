package dev.lanebench.harness.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.runners.proxy.ScriptedUpstream;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import dev.lanebench.runners.sandbox.BwrapSandbox;
import dev.lanebench.runners.sandbox.TestSandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A harness killed with SIGKILL — no shutdown hook runs — leaves no agent, grader or grader-run process behind. */
class KilledHarnessTest {
    @TempDir
    Path tmp;
    ScriptedUpstream upstream;
    final String graderChild = TestSandboxes.tag();
    final String sandboxedByGrader = TestSandboxes.tag();
    final String agentDetached = TestSandboxes.tag();
    final String agentCommand = TestSandboxes.tag();

    @AfterEach
    void cleanUp() {
        if (upstream != null) {
            upstream.close();
        }
        for (String tag : List.of(graderChild, sandboxedByGrader, agentDetached, agentCommand)) {
            TestSandboxes.running("sleep " + tag).forEach(ProcessHandle::destroyForcibly);
        }
        // A killed harness cannot remove its work folder (a resume would): do it for it.
        try {
            com.fasterxml.jackson.databind.JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(tmp.resolve("out/run.json").toFile());
            Workspace.deleteTree(Path.of(run.path("work_dir").asText()));
        } catch (java.io.IOException | RuntimeException e) {
            // no run.json: nothing was made
        }
    }

    @Test
    void killedDuringGradingLeavesNoGraderNorItsProcesses() throws Exception {
        Path tasks = catalogue("""
                import subprocess, sys
                from pathlib import Path
                sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
                import lanebench_verify as lv
                subprocess.Popen(["sleep", "%s"])
                lv.run(["sleep", "%s"], lv.workspace(), timeout=120)
                """.formatted(graderChild, sandboxedByGrader));
        Files.writeString(tmp.resolve("lanes.yaml"), "lanes:\n  oracle: {runner: oracle}\n");
        Process harness = harness(tasks, "oracle");
        awaitRunning("sleep " + graderChild, harness);
        awaitRunning("sleep " + sandboxedByGrader, harness);

        harness.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Thread.sleep(1000);
        assertThat(TestSandboxes.running("sleep " + graderChild)).isEmpty();
        assertThat(TestSandboxes.running("sleep " + sandboxedByGrader)).isEmpty();
        assertThat(TestSandboxes.running(tasks.resolve("t1_trivial/slow/verify").toString())).isEmpty();
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
                .map(c -> c.contains("verify.py") && c.contains(tmp.toString())).orElse(false))).isEmpty();
    }

    @Test
    void killedDuringAnAgentCommandLeavesNothingOfTheAgent() throws Exception {
        Assumptions.assumeTrue(new BwrapSandbox().readiness().ready(), "bwrap not ready");
        Path tasks = catalogue("print('never graded')\n");
        upstream = new ScriptedUpstream(req -> Answer.tool("c1", "run",
                "{\"command\":\"setsid -f sleep " + agentDetached + "; sleep " + agentCommand + "\"}"));
        Files.writeString(tmp.resolve("lanes.yaml"), """
                endpoints:
                  scripted: {base_url: "%s", api_key_env: KILL_E2E_KEY}
                models:
                  m: {endpoint: scripted, id: z-ai/glm-5.2}
                lanes:
                  killed-flat: {runner: flat, model: m, command_timeout_s: 300}
                """.formatted(upstream.baseUrl()));
        Process harness = harness(tasks, "killed-flat");
        awaitRunning("sleep " + agentCommand, harness);
        awaitRunning("sleep " + agentDetached, harness);

        harness.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Thread.sleep(1000);
        assertThat(TestSandboxes.running("sleep " + agentCommand)).isEmpty();
        assertThat(TestSandboxes.running("sleep " + agentDetached)).isEmpty();
    }

    private Path catalogue(String verify) throws Exception {
        Path tasks = tmp.resolve("tasks");
        Workspace.copyTree(Path.of("../tasks/_support"), tasks.resolve("_support"));
        Path task = Files.createDirectories(tasks.resolve("t1_trivial/slow"));
        Files.writeString(task.resolve("task.yaml"), """
                id: slow
                title: A task whose grader takes its time
                tier: t1_trivial
                kind: implement
                deadline_s: 600
                reps: 1
                verify: {command: [python3, verify.py], timeout_s: 300}
                allow_no_change: true
                source: "lanebench's own kill test"
                """);
        Files.writeString(task.resolve("instruction.md"), "Wait.\n");
        Files.createDirectories(task.resolve("repo"));
        Files.writeString(task.resolve("repo/README.md"), "nothing here\n");
        Files.createDirectories(task.resolve("solution"));
        Files.writeString(task.resolve("solution/done.txt"), "done\n");
        Files.createDirectories(task.resolve("verify"));
        Files.writeString(task.resolve("verify/verify.py"), verify);
        return tasks;
    }

    private Process harness(Path tasks, String lane) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.lanebench.harness.cli.Main", "run", "--tasks-dir", tasks.toString(), "--lanes-file",
                tmp.resolve("lanes.yaml").toString(), "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(),
                "--lanes", lane, "--reps", "1", "--out", tmp.resolve("out").toString()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(tmp.resolve("harness.log").toFile());
        pb.environment().put("KILL_E2E_KEY", "sk-kill-test");
        return pb.start();
    }

    private void awaitRunning(String commandTail, Process harness) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (TestSandboxes.running(commandTail).isEmpty()) {
            assertThat(harness.isAlive()).as(Files.readString(tmp.resolve("harness.log"))).isTrue();
            assertThat(System.nanoTime()).as("'" + commandTail + "' never started").isLessThan(end);
            Thread.sleep(50);
        }
    }
}
