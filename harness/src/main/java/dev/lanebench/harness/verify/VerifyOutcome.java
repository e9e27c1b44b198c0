package dev.lanebench.harness.verify;

import java.util.List;

/** What a task's grader returned: a score with its evidence, or why the grading itself failed (verify_error). */
public sealed interface VerifyOutcome {
    double seconds();

    /**
     * A valid result: score 0–5, the verify's evidence line, checks passed of total, the checks themselves in the
     * grader's order, and the result object as the grader wrote it (JSON text).
     */
    record Graded(double score, String evidence, int passed, int total, List<Check> checks, String result,
                  double seconds) implements VerifyOutcome {
        public Graded {
            checks = List.copyOf(checks);
        }

        /** Names of the checks that passed, in the grader's order. */
        public List<String> passedChecks() {
            return checks.stream().filter(Check::passed).map(Check::name).toList();
        }

        /** Names of the checks that failed, in the grader's order. */
        public List<String> failedChecks() {
            return checks.stream().filter(c -> !c.passed()).map(Check::name).toList();
        }
    }

    /** One named check of a grader's result. */
    record Check(String name, boolean passed, double weight) {
    }

    /** The grader broke the contract: non-zero exit, timeout, no result file, bad JSON, score out of range. */
    record Failed(String reason, double seconds) implements VerifyOutcome {
    }
}
