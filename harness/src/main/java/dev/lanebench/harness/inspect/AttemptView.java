package dev.lanebench.harness.inspect;

import dev.lanebench.harness.run.NotRun;
import dev.lanebench.harness.run.RunDirectory;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One attempt as {@code attempts} and {@code show} present it: its row (null for a replication that was not
 * run), its status, and where its transcript, patch and checks are.
 *
 * @param task        task id
 * @param lane        lane name
 * @param replication replication number
 * @param attempt     attempt number, or null for a replication not run
 * @param status      scored, infra_error, verify_error or not_run
 * @param row         the raw.csv row, or null when not run
 * @param reason      why it was not run, or null
 * @param transcript  the transcript file (may not exist)
 * @param patch       the patch file (may not exist)
 * @param checks      the grader's result file (exists only when verify graded the attempt)
 */
public record AttemptView(String task, String lane, int replication, Integer attempt, String status, RawRow row,
                          String reason, Path transcript, Path patch, Path checks) {
    public static final String NOT_RUN = "not_run";
    /** Every status an attempt can be listed with. */
    public static final List<String> STATUSES = List.of(Status.SCORED.wire(), Status.INFRA_ERROR.wire(),
            Status.VERIFY_ERROR.wire(), NOT_RUN);

    static AttemptView of(RunDirectory dir, RawRow r) {
        return new AttemptView(r.task(), r.lane(), r.replication(), r.attempt(), r.status().wire(), r, null,
                dir.transcript(r.task(), r.lane(), r.replication(), r.attempt()),
                dir.patch(r.task(), r.lane(), r.replication(), r.attempt()),
                dir.checks(r.task(), r.lane(), r.replication(), r.attempt()));
    }

    static AttemptView notRun(RunDirectory dir, NotRun n) {
        return new AttemptView(n.task(), n.lane(), n.replication(), null, NOT_RUN, null, n.reason(), null, null, null);
    }

    int attemptOrLast() {
        return attempt == null ? Integer.MAX_VALUE : attempt;
    }

    /** r1-a2, or r1 for a replication not run. */
    public String label() {
        return "r" + replication + (attempt == null ? "" : "-a" + attempt);
    }

    public Double composite() {
        return row == null ? null : row.composite();
    }

    /**
     * The checks that failed: from the grader's result when it was kept, else from the row's evidence
     * ({@code …; failed: a, b}).
     */
    public List<String> failedChecks() {
        if (checks != null) {
            CheckList list = CheckList.read(checks);
            if (list != null) {
                return list.failed();
            }
        }
        String ev = row == null ? null : row.verifyEvidence();
        int at = ev == null ? -1 : ev.lastIndexOf("; failed: ");
        if (at < 0) {
            return List.of();
        }
        String names = ev.substring(at + "; failed: ".length()).replaceFirst(" \\(\\+\\d+ more\\)$", "");
        return Arrays.stream(names.split(", ")).filter(s -> !s.isBlank()).toList();
    }

    /** Lost points: not scored, or scored with a failed check or short of full correctness. */
    public boolean lostPoints() {
        if (row == null || row.status() != Status.SCORED) {
            return true;
        }
        return (row.correctness() != null && row.correctness() < 5) || !failedChecks().isEmpty();
    }

    /** What went wrong, in one line: the error, or why it was not run. */
    public String error() {
        return row == null ? reason : row.error();
    }
}
