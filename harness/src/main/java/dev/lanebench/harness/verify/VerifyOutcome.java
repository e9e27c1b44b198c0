package dev.lanebench.harness.verify;

/** What a task's grader returned: a score with its evidence, or why the grading itself failed (verify_error). */
public sealed interface VerifyOutcome {
    double seconds();

    /**
     * A valid result: score 0–5, the verify's evidence line, checks passed of total, the names of the failed
     * checks in the grader's order, and the result object as the grader wrote it (JSON text).
     */
    record Graded(double score, String evidence, int passed, int total, java.util.List<String> failed, String result,
                  double seconds) implements VerifyOutcome {
        public Graded {
            failed = java.util.List.copyOf(failed);
        }
    }

    /** The grader broke the contract: non-zero exit, timeout, no result file, bad JSON, score out of range. */
    record Failed(String reason, double seconds) implements VerifyOutcome {
    }
}
