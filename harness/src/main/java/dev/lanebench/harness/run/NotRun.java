package dev.lanebench.harness.run;

/** A replication a run chose not to attempt, and why (run.json {@code not_run}; e.g. a cost cap was reached). */
public record NotRun(String task, String lane, int replication, String reason) {
}
