package dev.lanebench.runners.flat.tools;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@code run} tool command: {@code bash -c} in the workspace, stdin closed, a scratch-built
 * environment, stdout and stderr merged and capped, a time limit at which the whole process tree is killed.
 * Background processes do not outlive their command: whatever the command left running is ended when it
 * returns, so one command cannot disturb later ones or the machine after the attempt.
 */
public final class CommandRunner {
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    // Short so the attempt returns promptly at its deadline; a command's own timeout allows a fuller grace.
    private static final Duration DEADLINE_GRACE = Duration.ofMillis(250);
    private static final Duration DRAIN = Duration.ofMillis(500);
    private static final long SAMPLE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Path workspace;
    private final Map<String, String> env;
    private final int headBytes;
    private final int tailBytes;
    private final Duration killGrace;
    private final Path setsid;

    /**
     * What a command did.
     *
     * @param exitCode         the exit status; null when the command was killed
     * @param timedOut         stopped at its own time limit
     * @param deadlineReached  stopped because the attempt deadline came first
     * @param output           merged stdout/stderr, capped (head and tail kept, the middle elided with a marker)
     * @param outputBytes      bytes the command printed in all
     * @param durationMs       wall time
     * @param outputIncomplete a process outside the command's tree kept the output open; what came is shown
     */
    public record Result(Integer exitCode, boolean timedOut, boolean deadlineReached, String output,
                         long outputBytes, long durationMs, boolean outputIncomplete) {
    }

    /**
     * @param headBytes output bytes kept from the start
     * @param tailBytes output bytes kept from the end
     * @param killGrace SIGTERM-to-SIGKILL wait when a command hits its own time limit
     */
    public CommandRunner(Path workspace, Map<String, String> env, int headBytes, int tailBytes, Duration killGrace) {
        this.workspace = workspace;
        this.env = Map.copyOf(env);
        this.headBytes = headBytes;
        this.tailBytes = tailBytes;
        this.killGrace = killGrace;
        this.setsid = SETSID.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * Runs {@code command} for at most {@code timeout}, and never past {@code deadline}.
     *
     * @throws IOException          when bash cannot be started
     * @throws InterruptedException when the calling thread is interrupted; the tree is killed first
     */
    public Result run(String command, Duration timeout, Instant deadline) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Duration untilDeadline = deadline == null ? timeout : Duration.between(Instant.now(), deadline);
        boolean deadlineFirst = untilDeadline.compareTo(timeout) < 0;
        Duration limit = deadlineFirst ? untilDeadline : timeout;

        List<String> argv = new ArrayList<>();
        if (setsid != null) {
            // Its own session: every process it starts can be found and ended, even after re-parenting.
            argv.add(setsid.toString());
        }
        argv.addAll(List.of("bash", "-c", command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workspace.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        ProcessTree tree = new ProcessTree(process.toHandle(), setsid != null ? process.pid() : -1);
        OutputCap cap = new OutputCap(headBytes, tailBytes);
        Thread pump = new Thread(() -> pump(process.getInputStream(), cap), "flat-run-output");
        pump.setDaemon(true);
        pump.start();

        boolean exited = false;
        try {
            long start = System.nanoTime();
            long end = start + Math.max(0, limit.toNanos());
            long step = 5;
            while (true) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (leftMs <= 0) {
                    break;
                }
                if (process.waitFor(Math.min(step, leftMs), TimeUnit.MILLISECONDS)) {
                    exited = true;
                    break;
                }
                // Quick commands are never sampled while running (sampling reads /proc); the exit check finds
                // what they left behind.
                if (System.nanoTime() - start > SAMPLE_AFTER_NANOS) {
                    tree.sample();
                }
                step = Math.min(200, step * 2);
            }
        } catch (InterruptedException e) {
            tree.kill(DEADLINE_GRACE);
            throw e;
        }
        Integer exitCode = null;
        if (exited) {
            exitCode = process.exitValue();
            if (tree.hasLeftovers()) {
                tree.kill(killGrace);
            }
        } else {
            tree.kill(deadlineFirst ? DEADLINE_GRACE : killGrace);
        }
        pump.join(DRAIN.toMillis());
        boolean incomplete = pump.isAlive();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Result(exitCode, !exited && !deadlineFirst, !exited && deadlineFirst, cap.render(), cap.total(),
                ms, incomplete);
    }

    private static void pump(InputStream in, OutputCap cap) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                cap.append(buf, 0, n);
            }
        } catch (IOException closed) {
            // The process is gone and its pipe with it: what was read is what there is.
        }
    }
}
