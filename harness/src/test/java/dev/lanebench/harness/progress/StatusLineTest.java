package dev.lanebench.harness.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.harness.TaskFixture;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.catalogue.TaskLoader;
import dev.lanebench.harness.run.LiveAttempt;
import dev.lanebench.harness.run.Replication;
import dev.lanebench.harness.run.RunDirectory;
import dev.lanebench.harness.run.RunStart;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.scoring.raw.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusLineTest {
    @TempDir
    Path tmp;

    @Test
    void theLineKeepsTickingWithEachAttemptInFlightItsSecondsAndTurns() throws Exception {
        Task task = TaskLoader.load(TaskFixture.greeting(tmp.resolve("tasks"), "t1_trivial", "say-hello").dir());
        Lane lane = new Lane("glm-flat", new LaneSpec("noop", null, null, null, null, null, null), null, null, null, null, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusLine line = new StatusLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 200);
        line.runStarted(new RunStart(new RunDirectory(tmp.resolve("run")), 1, 1, 4, 1, Map.of(Status.SCORED, 1), 2,
                List.of(), true));
        LiveAttempt live = new LiveAttempt(new Replication(task, lane, 2), 1);
        AtomicInteger turns = new AtomicInteger(3);
        live.countTurnsWith(turns::get);
        line.attemptStarted(live);
        int before = frames(bytes);
        Thread.sleep(2300);
        String screen = bytes.toString(StandardCharsets.UTF_8);
        assertThat(frames(bytes) - before).as("redrawn every second while nothing finishes").isGreaterThanOrEqualTo(2);
        String last = screen.substring(screen.lastIndexOf("\r\033[2K") + 5);
        assertThat(last).startsWith("[1/4] scored 1 · infra 0 · verify 0 · 0:02 · running:")
                .endsWith(" · running: say-hello×glm-flat r2 0:02 3t");
        assertThat(last).doesNotContain("\n");
    }

    @Test
    void aLongLineIsCutToTheTerminalWidth() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusLine line = new StatusLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 40);
        line.runStarted(new RunStart(new RunDirectory(tmp.resolve("run")), 1, 1, 4, 0, Map.of(), 1, List.of(), false));
        Thread.sleep(100);
        String screen = bytes.toString(StandardCharsets.UTF_8);
        String last = screen.substring(screen.lastIndexOf("\r\033[2K") + 5);
        assertThat(last).hasSize(39).endsWith("…");
    }

    private static int frames(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).split("\r\033\\[2K", -1).length - 1;
    }
}
