package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped by a signal ends cleanly: graders gone, summary written, the exact --resume command printed. */
class StopTest {
    @TempDir
    Path tmp;

    @Test
    void aSignalledRunStopsCleanlyAndItsResumeCommandFinishesIt() throws Exception {
        String marker = "lanebench-stop-test-" + UUID.randomUUID();
        Path tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello").file("verify/verify.py",
                "import subprocess, sys\nsubprocess.run([sys.executable, '-c', 'import time; time.sleep(1.5)', '" + marker
                        + "'])\n" + TaskFixture.GREETING_VERIFY);
        Path lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, "lanes:\n  oracle: {runner: oracle}\n");
        Path out = tmp.resolve("stopped-run");
        int reps = 6;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.lanebench.harness.cli.Main", "--tasks-dir", tasks.toString(), "run", "--lanes-file", lanes.toString(),
                "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(), "--reps", String.valueOf(reps),
                "--retry-backoff", "0", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while ((rows(out).size() < 1 || !graderRunning(marker)) && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(child.isAlive()).as("the run ended before it could be stopped:\n" + Files.readString(log)).isTrue();
        child.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the same clean stop
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();

        String said = Files.readString(log);
        assertThat(child.exitValue()).as(said).isEqualTo(143);
        assertThat(graderRunning(marker)).as("the grader of the attempt in flight is gone").isFalse();
        List<RawRow> before = rows(out);
        assertThat(before).hasSizeBetween(1, reps - 1).allMatch(r -> r.status() == Status.SCORED);
        assertThat(said).contains("stopped: " + before.size() + " of " + reps + " replications done")
                .contains("report: " + out.resolve("report.html") + " · not measured: " + (reps - before.size())
                        + " replications left by the stop");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("say-hello")
                .contains("not done when the run was stopped");
        assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("stopped").asBoolean()).isTrue();

        String resume = said.lines().filter(l -> l.startsWith("resume with: ")).findFirst().orElseThrow()
                .substring("resume with: ".length());
        List<String> words = Arrays.asList(resume.split(" "));
        assertThat(words.get(0)).isEqualTo("lanebench");
        assertThat(resume).contains("--tasks-dir " + tasks).contains("--retry-backoff 0").endsWith("run --retry-backoff 0 --resume " + out);
        CliRun resumed = CliRun.of(words.subList(1, words.size()).toArray(String[]::new));
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(rows(out)).hasSize(reps).allMatch(r -> r.status() == Status.SCORED);
        assertThat(resumed.err()).contains("(" + before.size() + " already done)");
    }

    private static List<RawRow> rows(Path out) throws Exception {
        Path raw = out.resolve("raw.csv");
        return Files.exists(raw) ? RawCsvReader.read(raw) : List.of();
    }

    private static boolean graderRunning(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
    }
}
