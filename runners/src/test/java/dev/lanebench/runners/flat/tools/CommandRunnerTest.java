package dev.lanebench.runners.flat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.sandbox.Sandbox;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.SandboxMounts;
import dev.lanebench.runners.sandbox.SandboxSession;
import dev.lanebench.runners.sandbox.TestSandboxes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The run tool's commands, on every sandbox backend ready here. */
class CommandRunnerTest {
    @TempDir
    Path root;

    static Stream<Sandbox> backends() {
        return TestSandboxes.ready();
    }

    private SandboxSession open(Sandbox sandbox) throws Exception {
        return sandbox.open(SandboxMounts.under(root.resolve("ws"), root.resolve("scratch"), root.resolve("sandbox")),
                SandboxLimits.DEFAULTS);
    }

    private static CommandRunner runner(SandboxSession s) {
        return new CommandRunner(s, s.environment(System.getenv()), 1024, 1024);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aTreeThatIgnoresSigtermIsKilledWholeAndPromptlyAtTheTimeout(Sandbox sandbox) throws Exception {
        String tag = TestSandboxes.tag();
        String command = "trap '' TERM; bash -c 'trap \"\" TERM; sleep " + tag + " & wait' & sleep " + tag + " & wait";
        long t0 = System.nanoTime();
        CommandRunner.Result r;
        try (SandboxSession s = open(sandbox)) {
            r = runner(s).run(command, Duration.ofSeconds(1), null);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(TestSandboxes.running("sleep " + tag)).isEmpty();
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isNull();
        assertThat(ms).isBetween(1000L, 2500L);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void backgroundProcessesDoNotOutliveTheirCommand(Sandbox sandbox) throws Exception {
        String tag = TestSandboxes.tag();
        try (SandboxSession s = open(sandbox)) {
            long t0 = System.nanoTime();
            CommandRunner.Result r = runner(s).run("sleep " + tag + " & setsid -f sleep " + tag + "; echo started",
                    Duration.ofSeconds(30), null);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.exitCode()).isZero();
            assertThat(r.output()).isEqualTo("started\n");
            assertThat(TestSandboxes.running("sleep " + tag)).isEmpty();
            assertThat(ms).isLessThan(2000);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aCommandRunsToItsEndAndReportsItsExitCode(Sandbox sandbox) throws Exception {
        try (SandboxSession s = open(sandbox)) {
            CommandRunner.Result r = runner(s).run("sleep 0.3; echo out; echo err >&2; exit 7", Duration.ofSeconds(10), null);
            assertThat(r.exitCode()).isEqualTo(7);
            assertThat(r.durationMs()).isGreaterThanOrEqualTo(300);
            assertThat(r.output()).contains("out\n").contains("err\n");
            assertThat(r.timedOut()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void longOutputKeepsItsHeadAndTailAndSaysHowMuchWasElided(Sandbox sandbox) throws Exception {
        try (SandboxSession s = open(sandbox)) {
            CommandRunner.Result r = runner(s).run("seq 1 100000", Duration.ofSeconds(30), null);
            long total = 0;
            for (int i = 1; i <= 100000; i++) {
                total += Integer.toString(i).length() + 1;
            }
            assertThat(r.outputBytes()).isEqualTo(total);
            assertThat(r.output()).startsWith("1\n2\n3\n").endsWith("99999\n100000\n")
                    .contains("[... " + (total - 2048) + " bytes elided ...]");
            assertThat(r.output().length()).isLessThan(2200);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aFloodOfOutputIsCappedWithoutHoldingItInMemory(Sandbox sandbox) throws Exception {
        try (SandboxSession s = open(sandbox)) {
            CommandRunner.Result r = runner(s).run("head -c 200000000 /dev/zero | tr '\\0' x", Duration.ofSeconds(60), null);
            assertThat(r.exitCode()).isZero();
            assertThat(r.outputBytes()).isEqualTo(200_000_000L);
            assertThat(r.output().length()).isLessThan(2200);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theDeadlineStopsACommandBeforeItsOwnTimeout(Sandbox sandbox) throws Exception {
        try (SandboxSession s = open(sandbox)) {
            long t0 = System.nanoTime();
            CommandRunner.Result r = runner(s).run("sleep 60", Duration.ofSeconds(60), Instant.now().plusMillis(500));
            assertThat(r.deadlineReached()).isTrue();
            assertThat(r.timedOut()).isFalse();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void stdinIsClosedSoACommandWaitingForInputEndsAtOnce(Sandbox sandbox) throws Exception {
        try (SandboxSession s = open(sandbox)) {
            CommandRunner.Result r = runner(s).run("cat; echo after", Duration.ofSeconds(10), null);
            assertThat(r.exitCode()).isZero();
            assertThat(r.output()).isEqualTo("after\n");
        }
    }
}
