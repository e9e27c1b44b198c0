package dev.lanebench.harness.verify;

/** What a task's grader returned: a score with its evidence, or why the grading itself failed (verify_error). */
public sealed interface VerifyOutcome {
    double seconds();

    /** A valid result: score 0–5, the verify's evidence line, checks passed of total. */
    record Graded(double score, String evidence, int passed, int total, double seconds) implements VerifyOutcome {
    }

    /** The grader broke the contract: non-zero exit, timeout, no result file, bad JSON, score out of range. */
    record Failed(String reason, double seconds) implements VerifyOutcome {
    }
}
