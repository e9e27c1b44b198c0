package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL mid-way is finished by --resume with no row lost and none duplicated. */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void resumeAfterKillNineKeepsScoredAttemptsAndRepairsTheTail() throws Exception {
        Path tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello")
                .file("verify/verify.py", "import time\ntime.sleep(0.6)\n" + TaskFixture.GREETING_VERIFY);
        Path lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, "lanes:\n  oracle: {runner: oracle}\n");
        Path out = tmp.resolve("killed-run");
        Path raw = out.resolve("raw.csv");
        int reps = 8;

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.lanebench.harness.cli.Main", "run", "--tasks-dir", tasks.toString(), "--lanes-file", lanes.toString(),
                "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(), "--reps", String.valueOf(reps),
                "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (dataLines(raw) < 2 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(child.isAlive()).as("run finished before it could be killed:\n" + Files.readString(tmp.resolve("child.log"))).isTrue();
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no cleanup
        long before = dataLines(raw);
        assertThat(before).isBetween(2L, reps - 1L);

        // The kill may land mid-write; make sure the resume sees a half-written last line either way.
        Files.writeString(raw, "killed-run,say-hello,t1_trivial,oracle,ora", StandardOpenOption.APPEND);

        CliRun resumed = CliRun.of("run", "--tasks-dir", tasks.toString(), "--lanes-file", lanes.toString(),
                "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(), "--resume", out.toString());
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.err()).contains("repaired a half-written last line").contains("(" + before + " already done)");
        // The counters carry on from what the killed run finished.
        assertThat(resumed.err()).contains("[" + (before + 1) + "/" + reps + "] scored " + (before + 1) + ", infra 0");

        List<RawRow> rows = RawCsvReader.read(raw);
        assertThat(rows).hasSize(reps).allMatch(r -> r.status() == Status.SCORED);
        assertThat(rows.stream().map(RawRow::replication).collect(Collectors.toSet())).hasSize(reps);
        assertThat(Files.readAllLines(raw)).hasSize(reps + 1);
        assertThat(Files.readString(out.resolve("run.json"))).contains("resumed_at").containsPattern("\"resumed_at\" : \\[ \"");
    }

    @Test
    void resumingARunWrittenBeforeSchemaTwoUpgradesItsRawCsvAndKeepsEveryRow() throws Exception {
        // A real run folder written by the schema-1 code (oracle and noop over three catalogue tasks, 2 reps).
        Path resources = Path.of("../scoring/src/test/resources/schema1").toAbsolutePath();
        Path out = tmp.resolve("schema1-run");
        Files.createDirectories(out);
        Files.copy(resources.resolve("oracle-noop-run.csv"), out.resolve("raw.csv"));
        Files.copy(resources.resolve("oracle-noop-run.run.json"), out.resolve("run.json"));
        List<RawRow> before = RawCsvReader.read(out.resolve("raw.csv"));

        CliRun resumed = CliRun.of("run", "--tasks-dir", Path.of("../tasks").toAbsolutePath().toString(),
                "--lanes-file", Path.of("../lanes.yaml").toAbsolutePath().toString(),
                "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(), "--resume", out.toString());

        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.err()).contains("12 already done");
        assertThat(Files.readAllLines(out.resolve("raw.csv")).get(0)).endsWith(",harness_version,sandbox,judge_cost_usd");
        assertThat(RawCsvReader.read(out.resolve("raw.csv"))).isEqualTo(before).hasSize(12);
    }

    private static long dataLines(Path raw) throws Exception {
        if (!Files.exists(raw)) {
            return 0;
        }
        String text = Files.readString(raw);
        return Math.max(0, text.chars().filter(c -> c == '\n').count() - 1);
    }
}
