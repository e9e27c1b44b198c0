package dev.lanebench.scoring.raw;

/**
 * One finished attempt: a line of raw.csv, in header order. A null field is "not measured" and is written
 * empty, never as 0.
 *
 * @param sandbox       the backend that confined the agent ({@code bwrap}, {@code docker}, {@code none});
 *                      null when not recorded (schema 1 files, or a harness that does not say)
 * @param judgeCostUsd  what the quality judge cost, in dollars; null when no judge ran
 */
public record RawRow(
        String runId,
        String task,
        String tier,
        String lane,
        String runner,
        String model,
        int replication,
        int attempt,
        Status status,
        Double composite,
        Double correctness,
        Double process,
        Double costEff,
        Double timeEff,
        Double quality,
        String verifyEvidence,
        Boolean timedOut,
        Double wallS,
        Double agentS,
        Double verifyS,
        Integer turns,
        Integer toolCalls,
        Integer budgetViolations,
        Long inputTokens,
        Long cachedTokens,
        Long outputTokens,
        Long reasoningTokens,
        Double costUsd,
        String servedModels,
        Boolean routeOk,
        Integer agentExit,
        String error,
        String startedAt,
        String taskHash,
        String harnessVersion,
        String sandbox,
        Double judgeCostUsd) {
}
