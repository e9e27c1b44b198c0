package dev.lanebench.runners.agent;

import java.util.Map;

/** A tool-path that drives an agent through one attempt at a task; it reports what happened, never a score. */
public interface Runner {

    /** Whether this runner can run here, with the reason when it cannot (a missing key, a missing binary). */
    Readiness readiness(Map<String, String> env);

    /**
     * Runs the agent in {@code task.workspace()} until it stops or the deadline passes.
     * Every upstream model call goes to {@code task.log().modelCall(..)}; every tool call,
     * text and error to {@code task.log().event(..)}. Must return by the deadline.
     */
    AgentOutcome run(AgentTask task) throws InterruptedException;

    /** Model-driven runners need at least one successful model call for an attempt to count (METHODOLOGY.md §2). */
    default boolean modelDriven() {
        return true;
    }

    /**
     * Host folders the agent's sandbox must show read-only for this runner to work (an agent CLI's
     * installation); the harness adds them to the attempt's sandbox.
     */
    default java.util.List<java.nio.file.Path> sandboxPaths(Map<String, String> env) {
        return java.util.List.of();
    }

    /** Versions of external tools this runner uses (e.g. {@code claude_cli}), for run.json and each row. */
    default Map<String, String> toolVersions(Map<String, String> env) {
        return Map.of();
    }
}
