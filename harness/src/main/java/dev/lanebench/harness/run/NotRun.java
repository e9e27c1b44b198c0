package dev.lanebench.harness.run;

/**
 * A replication of the plan a run did not start, and why (a cost cap reached): run.json {@code not_run} lists them,
 * and {@code --resume} with room under the cap runs them.
 */
public record NotRun(String task, String lane, int replication, String reason) {
}
