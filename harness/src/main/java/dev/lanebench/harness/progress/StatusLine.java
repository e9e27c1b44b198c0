package dev.lanebench.harness.progress;

import dev.lanebench.harness.run.AttemptFinished;
import dev.lanebench.harness.run.LiveAttempt;
import dev.lanebench.harness.run.RunEnd;
import dev.lanebench.harness.run.RunStart;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on a terminal: one status line redrawn in place every second — counters, elapsed, ETA, and each
 * attempt in flight with its seconds and turns so far — so a long attempt never looks like a hang. Finished
 * attempts and notices are printed above it.
 */
final class StatusLine extends ConsoleProgress {
    private static final String CLEAR = "\r\033[2K";

    private final int width;
    private final Set<LiveAttempt> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanebench-status");
        t.setDaemon(true);
        return t;
    });

    StatusLine(PrintStream out, int width) {
        super(out);
        this.width = width;
    }

    @Override
    public void runStarted(RunStart s) {
        super.runStarted(s);
        ticker.scheduleAtFixedRate(this::redraw, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void attemptStarted(LiveAttempt a) {
        inFlight.add(a);
        redraw();
    }

    @Override
    public void attemptFinished(AttemptFinished f) {
        inFlight.remove(f.attempt());
        tally.finished(f);
        above(describe(f));
    }

    @Override
    public void notice(String message) {
        above(message);
    }

    @Override
    public void runFinished(RunEnd end) {
        ticker.shutdownNow();
        inFlight.clear();
        synchronized (out) {
            // The last status stays on screen as a plain line: the run's final counts.
            out.print(CLEAR + tally.line() + "\n");
        }
        super.runFinished(end);
    }

    private void above(String line) {
        synchronized (out) {
            out.print(CLEAR + line + "\n");
            draw();
        }
    }

    private void redraw() {
        synchronized (out) {
            draw();
        }
    }

    private void draw() {
        out.print(CLEAR + fit(tally.compact() + running()));
        out.flush();
    }

    /** {@code  · running: say-hello×oracle r1 0:12 3t, …}, oldest first. */
    private String running() {
        if (inFlight.isEmpty()) {
            return "";
        }
        List<LiveAttempt> live = new ArrayList<>(inFlight);
        live.sort((a, b) -> Double.compare(b.seconds(), a.seconds()));
        StringBuilder b = new StringBuilder(" · running:");
        for (LiveAttempt a : live) {
            b.append(' ').append(a.replication().task().id()).append('×').append(a.replication().lane().name())
                    .append(" r").append(a.replication().number())
                    .append(String.format(Locale.ROOT, " %s %dt", Tally.clock(a.seconds()), a.turns())).append(',');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    private String fit(String line) {
        int max = Math.max(20, width - 1);
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
