package dev.lanebench.runners.flat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path root;
    Path workspace;
    CommandRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(root.resolve("ws"));
        Map<String, String> env = CommandEnvironment.build(Map.of("PATH", System.getenv("PATH")),
                Files.createDirectories(root.resolve("scratch")));
        runner = new CommandRunner(workspace, env, 1024, 1024, Duration.ofMillis(300));
    }

    private List<Long> pids(String file) throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(workspace.resolve(file))) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        return pids;
    }

    private static boolean alive(long pid) {
        // Zombies waiting for init to reap them run nothing: they count as dead.
        return ProcessHandle.of(pid).map(ProcessTree::running).orElse(false);
    }

    @Test
    void aTreeThatIgnoresSigtermIsKilledWholeAndPromptlyAtTheTimeout() throws Exception {
        String command = "trap '' TERM; echo $$ > pids; "
                + "bash -c 'trap \"\" TERM; sleep 60 & echo $! >> pids; echo $$ >> pids; wait' & "
                + "sleep 60 & echo $! >> pids; wait";
        long t0 = System.nanoTime();

        CommandRunner.Result r = runner.run(command, Duration.ofSeconds(1), null);

        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<Long> pids = pids("pids");
        assertThat(pids).hasSize(4);
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("pid " + pid).isFalse());
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isNull();
        // 1 s limit + 0.3 s grace, with room for a loaded machine
        assertThat(ms).isBetween(1000L, 2500L);
    }

    @Test
    void backgroundProcessesDoNotOutliveTheirCommand() throws Exception {
        long t0 = System.nanoTime();

        CommandRunner.Result r = runner.run("sleep 60 & echo $! > pids; echo started", Duration.ofSeconds(30), null);

        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).isEqualTo("started\n");
        assertThat(alive(pids("pids").get(0))).isFalse();
        assertThat(ms).isLessThan(2000);
    }

    @Test
    void aCommandRunsToItsEndAndReportsItsExitCode() throws Exception {
        CommandRunner.Result r = runner.run("sleep 0.3; echo out; echo err >&2; exit 7", Duration.ofSeconds(10),
                null);

        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.durationMs()).isGreaterThanOrEqualTo(300);
        assertThat(r.output()).contains("out\n").contains("err\n");
        assertThat(r.timedOut()).isFalse();
    }

    @Test
    void longOutputKeepsItsHeadAndTailAndSaysHowMuchWasElided() throws Exception {
        CommandRunner.Result r = runner.run("seq 1 100000", Duration.ofSeconds(30), null);

        long total = 0;
        for (int i = 1; i <= 100000; i++) {
            total += Integer.toString(i).length() + 1;
        }
        assertThat(r.outputBytes()).isEqualTo(total);
        assertThat(r.output()).startsWith("1\n2\n3\n").endsWith("99999\n100000\n")
                .contains("[... " + (total - 2048) + " bytes elided ...]");
        assertThat(r.output().length()).isLessThan(2200);
    }

    @Test
    void theDeadlineStopsACommandBeforeItsOwnTimeout() throws Exception {
        long t0 = System.nanoTime();

        CommandRunner.Result r = runner.run("sleep 60", Duration.ofSeconds(60), Instant.now().plusMillis(500));

        assertThat(r.deadlineReached()).isTrue();
        assertThat(r.timedOut()).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
    }

    @Test
    void stdinIsClosedSoACommandWaitingForInputEndsAtOnce() throws Exception {
        CommandRunner.Result r = runner.run("cat; echo after", Duration.ofSeconds(10), null);

        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).isEqualTo("after\n");
    }
}
