package dev.lanebench.runners.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The one loop that watches a sandboxed process until it exits, its own time limit or the attempt deadline
 * passes, or its folders outgrow the workspace limit — then ends everything it started. Its output is read on
 * a thread of its own into an {@link OutputSink} as it arrives.
 */
public final class Supervisor {
    private static final long SAMPLE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long SIZE_CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Duration DRAIN = Duration.ofMillis(500);

    private Supervisor() {
    }

    /**
     * How the process ended.
     *
     * @param exitCode         its exit status; null when it was stopped
     * @param timedOut         stopped at its own time limit
     * @param deadlineReached  stopped because the attempt deadline came first
     * @param overLimit        why it was stopped for outgrowing its folders, else null
     * @param durationMs       wall time
     * @param outputIncomplete the output was still open after the process ended (what came is kept)
     * @param processesSeen    processes it started that the harness saw (-1 where the backend cannot tell)
     */
    public record Exit(Integer exitCode, boolean timedOut, boolean deadlineReached, String overLimit,
                       long durationMs, boolean outputIncomplete, int processesSeen) {
        public boolean stopped() {
            return exitCode == null;
        }
    }

    /**
     * Supervises {@code process} for at most {@code timeout} and never past {@code deadline} (either may be
     * null). With a {@code session} given, its folders are measured every two seconds.
     *
     * @throws InterruptedException when the calling thread is interrupted; everything is ended first
     */
    public static Exit supervise(SandboxedProcess process, OutputSink sink, Duration timeout, Instant deadline,
                                 SandboxSession session) throws InterruptedException {
        long t0 = System.nanoTime();
        Duration untilDeadline = deadline == null ? null : Duration.between(Instant.now(), deadline);
        boolean deadlineFirst = untilDeadline != null && (timeout == null || untilDeadline.compareTo(timeout) < 0);
        Duration limit = deadlineFirst ? untilDeadline : timeout;
        Thread pump = startPump(process.output(), sink);

        boolean exited = false;
        String overLimit = null;
        try {
            long end = limit == null ? Long.MAX_VALUE : t0 + Math.max(0, limit.toNanos());
            long nextSizeCheck = t0 + SIZE_CHECK_EVERY_NANOS;
            long step = 5;
            while (true) {
                long now = System.nanoTime();
                long leftMs = TimeUnit.NANOSECONDS.toMillis(end - now);
                if (leftMs <= 0) {
                    break;
                }
                if (process.waitFor(Math.min(step, leftMs), TimeUnit.MILLISECONDS)) {
                    exited = true;
                    break;
                }
                now = System.nanoTime();
                // Quick commands are never sampled while running; the exit check finds what they left behind.
                if (now - t0 > SAMPLE_AFTER_NANOS) {
                    process.sample();
                }
                if (session != null && now >= nextSizeCheck) {
                    nextSizeCheck = now + SIZE_CHECK_EVERY_NANOS;
                    overLimit = session.overLimit();
                    if (overLimit != null) {
                        break;
                    }
                }
                step = Math.min(200, step * 2);
            }
        } catch (InterruptedException e) {
            process.kill();
            throw e;
        }
        Integer exitCode = null;
        if (exited) {
            exitCode = process.exitValue();
            if (process.hasLeftovers()) {
                process.kill();
            }
        } else {
            process.kill();
        }
        pump.join(DRAIN.toMillis());
        boolean incomplete = pump.isAlive();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean stoppedByTime = !exited && overLimit == null;
        return new Exit(exitCode, stoppedByTime && !deadlineFirst, stoppedByTime && deadlineFirst, overLimit, ms,
                incomplete, process.seenCount());
    }

    private static Thread startPump(InputStream in, OutputSink sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    sink.accept(buf, 0, n);
                }
            } catch (IOException | RuntimeException closed) {
                // The process is gone and its pipe with it (or the sink gave up): what was read is kept.
            }
        }, "sandbox-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
