package dev.lanebench.harness.progress;

import dev.lanebench.harness.run.AttemptFinished;
import dev.lanebench.harness.run.LiveAttempt;
import java.io.PrintStream;

/** Progress as plain lines, fit for CI logs and files: one when an attempt starts, one when it ends. */
final class PlainLog extends ConsoleProgress {
    PlainLog(PrintStream out) {
        super(out);
    }

    @Override
    public void attemptStarted(LiveAttempt a) {
        synchronized (out) {
            out.println("[" + tally.done() + "/" + tally.total() + "] start " + a.label());
            out.flush();
        }
    }

    @Override
    public void attemptFinished(AttemptFinished f) {
        tally.finished(f);
        synchronized (out) {
            out.println(tally.line() + "  " + describe(f));
            out.flush();
        }
    }

    @Override
    public void notice(String message) {
        synchronized (out) {
            out.println(message);
            out.flush();
        }
    }
}
