package dev.lanebench.runners.agent;

import java.util.Map;

/**
 * What a runner reports when it returns. Tokens and cost are not here: the harness totals them from the
 * model calls the runner logged, so every runner is accounted the same way.
 *
 * @param timedOut     the agent was stopped at its deadline
 * @param turns        model turns taken (null when not known)
 * @param agentExit    the agent process's exit code, where there is a process
 * @param error        a short description of what went wrong, if anything did
 * @param infraFailure the runner could not make a fair attempt (binary missing, proxy down) whatever the
 *                     model calls say
 * @param context      extra facts for the row and the transcript (e.g. terminal_reason, claude_cli version)
 */
public record AgentOutcome(
        boolean timedOut, Integer turns, Integer agentExit, String error, boolean infraFailure,
        Map<String, String> context) {

    public AgentOutcome {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public static AgentOutcome finished(Integer turns) {
        return new AgentOutcome(false, turns, null, null, false, Map.of());
    }

    public static AgentOutcome infra(String error) {
        return new AgentOutcome(false, 0, null, error, true, Map.of());
    }
}
