package dev.lanebench.harness.progress;

import dev.lanebench.harness.run.AttemptFinished;
import dev.lanebench.harness.run.RunStart;
import dev.lanebench.scoring.raw.Status;
import java.util.Locale;

/**
 * A run's counters as progress shows them: replications final of total, attempts by status, elapsed and ETA.
 * A resumed run starts from what its raw.csv already holds; the ETA is paced by this session's work alone.
 */
final class Tally {
    private final long startNanos = System.nanoTime();
    private int total;
    private int doneBefore;
    private int done;
    private int scored;
    private int infra;
    private int verify;

    synchronized void start(RunStart s) {
        total = s.replications();
        doneBefore = s.alreadyDone();
        done = s.alreadyDone();
        scored = s.statusBefore().getOrDefault(Status.SCORED, 0);
        infra = s.statusBefore().getOrDefault(Status.INFRA_ERROR, 0);
        verify = s.statusBefore().getOrDefault(Status.VERIFY_ERROR, 0);
    }

    synchronized void finished(AttemptFinished f) {
        if (f.replicationFinal()) {
            done++;
        }
        switch (f.row().status()) {
            case SCORED -> scored++;
            case INFRA_ERROR -> infra++;
            case VERIFY_ERROR -> verify++;
        }
    }

    synchronized int done() {
        return done;
    }

    synchronized int total() {
        return total;
    }

    /** {@code [3/12] scored 2, infra 0, verify 0 · elapsed 1:23 · eta 4:10}. */
    synchronized String line() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        int doneNow = done - doneBefore;
        String eta = doneNow == 0 || done >= total ? "—" : clock(elapsed / doneNow * (total - done));
        return String.format(Locale.ROOT, "[%d/%d] scored %d, infra %d, verify %d · elapsed %s · eta %s",
                done, total, scored, infra, verify, clock(elapsed), eta);
    }

    /** The status line's shorter form: {@code [3/12] scored 2 · infra 0 · verify 0 · 1:23, eta 4:10}. */
    synchronized String compact() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        int doneNow = done - doneBefore;
        String eta = doneNow == 0 || done >= total ? "" : ", eta " + clock(elapsed / doneNow * (total - done));
        return String.format(Locale.ROOT, "[%d/%d] scored %d · infra %d · verify %d · %s%s",
                done, total, scored, infra, verify, clock(elapsed), eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
