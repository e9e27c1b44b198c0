package dev.lanebench.scoring.judge;

import dev.lanebench.scoring.raw.RawRow;

/** Which attempt a judgement is about: the columns that name one row of raw.csv. */
public record AttemptId(String runId, String task, String lane, int replication, int attempt) {

    public static AttemptId of(RawRow row) {
        return new AttemptId(row.runId(), row.task(), row.lane(), row.replication(), row.attempt());
    }

    /** {@code task × lane r1-a2}, as notes name an attempt. */
    public String describe() {
        return task + " × " + lane + " r" + replication + "-a" + attempt;
    }
}
