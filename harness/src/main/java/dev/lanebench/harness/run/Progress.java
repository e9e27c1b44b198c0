package dev.lanebench.harness.run;

import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a run's progress: replications done/total, statuses, elapsed and ETA. On a terminal the status line
 * is redrawn in place; otherwise every finished attempt is one plain line, fit for CI logs.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final long startNanos = System.nanoTime();
    private final int doneBefore;
    private int done;
    private int scored;
    private int infra;
    private int verify;

    public Progress(PrintStream out, boolean terminal, int total, int alreadyDone) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.done = alreadyDone;
        this.doneBefore = alreadyDone;
    }

    public synchronized void attemptFinished(RawRow row, boolean replicationFinal, Duration retryIn) {
        if (replicationFinal) {
            done++;
        }
        switch (row.status()) {
            case SCORED -> scored++;
            case INFRA_ERROR -> infra++;
            case VERIFY_ERROR -> verify++;
        }
        String what = String.format(Locale.ROOT, "%s × %s r%d a%d: %s", row.task(), row.lane(), row.replication(),
                row.attempt(), describe(row));
        if (retryIn != null) {
            what += " (retry in " + retryIn.toSeconds() + " s)";
        }
        if (terminal) {
            out.print("\r\033[2K");
            out.println(what);
            out.print(status());
            out.flush();
        } else {
            out.println(status() + "  " + what);
        }
    }

    public synchronized void finish() {
        if (terminal) {
            out.print("\r\033[2K");
            out.println(status());
        }
    }

    private static String describe(RawRow r) {
        if (r.status() == Status.SCORED) {
            return String.format(Locale.ROOT, "scored %.2f%s", r.composite(), Boolean.TRUE.equals(r.timedOut()) ? " (timed out)" : "");
        }
        return r.status().wire() + (r.error() == null ? "" : " — " + r.error());
    }

    private String status() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        int doneNow = done - doneBefore;
        String eta = doneNow == 0 || done >= total ? "—" : clock(elapsed / doneNow * (total - done));
        return String.format(Locale.ROOT, "[%d/%d] scored %d, infra %d, verify %d · elapsed %s · eta %s",
                done, total, scored, infra, verify, clock(elapsed), eta);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
