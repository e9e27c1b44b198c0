package dev.lanebench.harness.run;

import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run's raw.csv already says: which replications are final and which attempt number comes next, so a
 * resumed run neither loses nor repeats a row.
 */
public final class RunJournal {
    private final List<RawRow> rows;

    public RunJournal(List<RawRow> existing) {
        this.rows = new ArrayList<>(existing);
    }

    public synchronized void record(RawRow row) {
        rows.add(row);
    }

    public synchronized List<RawRow> rows() {
        return List.copyOf(rows);
    }

    /** Scored and verify_error replications are final; so is one whose infra retries are spent. */
    public synchronized boolean isFinal(Replication rep, int retries) {
        int infra = 0;
        for (RawRow r : rows) {
            if (matches(r, rep)) {
                if (r.status() != Status.INFRA_ERROR) {
                    return true;
                }
                infra++;
            }
        }
        return infra >= 1 + retries;
    }

    public synchronized int nextAttempt(Replication rep) {
        int max = 0;
        for (RawRow r : rows) {
            if (matches(r, rep)) {
                max = Math.max(max, r.attempt());
            }
        }
        return max + 1;
    }

    private static boolean matches(RawRow r, Replication rep) {
        return r.task().equals(rep.task().id()) && r.lane().equals(rep.lane().name()) && r.replication() == rep.number();
    }
}
