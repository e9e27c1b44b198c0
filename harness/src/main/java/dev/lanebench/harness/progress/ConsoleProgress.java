package dev.lanebench.harness.progress;

import dev.lanebench.harness.run.AttemptFinished;
import dev.lanebench.harness.run.RunEnd;
import dev.lanebench.harness.run.RunListener;
import dev.lanebench.harness.run.RunStart;
import dev.lanebench.harness.run.SkippedLane;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A run's progress for a person, on stderr so that {@code run > out.md} keeps only the tables: what the run
 * will do, each attempt as it ends, notices, and at the end where the results are, how to resume a stopped
 * run, and — always the last line — the report file and what was not measured. {@link StatusLine} draws it
 * on a terminal, {@link PlainLog} writes plain lines for logs.
 */
public abstract class ConsoleProgress implements RunListener {
    protected final PrintStream out;
    protected final Tally tally = new Tally();

    protected ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    /** The status line on a terminal, plain lines otherwise. */
    public static ConsoleProgress on(PrintStream out, boolean terminal) {
        return terminal ? new StatusLine(out, TerminalWidth.columns()) : new PlainLog(out);
    }

    @Override
    public void runStarted(RunStart s) {
        tally.start(s);
        synchronized (out) {
            for (SkippedLane l : s.skipped()) {
                out.println("skipping lane " + l.lane() + ": " + l.reason());
            }
            out.println((s.resumed() ? "resuming run " : "run ") + s.dir().runId() + ": " + s.tasks() + " tasks × "
                    + s.lanes() + " lanes, " + s.replications() + " replications"
                    + (s.alreadyDone() > 0 ? " (" + s.alreadyDone() + " already done)" : "") + ", parallel " + s.parallel());
            out.flush();
        }
    }

    @Override
    public void runFinished(RunEnd end) {
        synchronized (out) {
            if (end.stopped()) {
                out.println("stopped: " + tally.done() + " of " + tally.total() + " replications done; "
                        + end.dir().summary() + " holds what finished");
            }
            if (end.resumeCommand() != null) {
                out.println("resume with: " + end.resumeCommand());
            }
            out.println("results: " + end.dir().root());
            out.println("report: " + end.report() + " · not measured: " + end.notMeasured().line());
            out.flush();
        }
    }

    /** {@code say-hello × oracle r1 a1: scored 4.97 in 12 s, 5 turns — 6/8 checks pass; failed: a, b}. */
    static String describe(AttemptFinished f) {
        RawRow r = f.row();
        StringBuilder b = new StringBuilder(f.attempt().label()).append(": ");
        if (r.status() == Status.SCORED) {
            b.append(String.format(Locale.ROOT, "scored %.2f", r.composite()));
            if (Boolean.TRUE.equals(r.timedOut())) {
                b.append(" (timed out)");
            }
        } else {
            b.append(r.status().wire());
        }
        b.append(String.format(Locale.ROOT, " in %.0f s", f.attempt().seconds()));
        if (r.turns() != null) {
            b.append(", ").append(r.turns()).append(r.turns() == 1 ? " turn" : " turns");
        }
        String why = r.status() == Status.SCORED
                ? (r.correctness() != null && r.correctness() < 5 ? r.verifyEvidence() : null) : r.error();
        if (why != null && !why.isBlank()) {
            b.append(" — ").append(why.length() > 160 ? why.substring(0, 159) + "…" : why);
        }
        if (f.retryIn() != null) {
            b.append(" (retry in ").append(f.retryIn().toSeconds()).append(" s)");
        }
        return b.toString();
    }
}
