package dev.lanebench.scoring.raw;

/**
 * The columns of a raw.csv row that tables and statistics use: which cell (task version and lane) it belongs
 * to, how the attempt ended, its composite, and what it cost in money, tokens and time; for rows already in
 * memory. Read from a file, the same columns come as {@link ScoreRecord}s, without an object per row.
 */
public record ScoreRow(String task, String tier, String lane, String runner, String model, Status status,
        Double composite, Boolean routeOk, Double costUsd, String taskHash, Long inputTokens, Long cachedTokens,
        Long outputTokens, Double agentS, String sandbox) {

    public static ScoreRow of(RawRow row) {
        return new ScoreRow(row.task(), row.tier(), row.lane(), row.runner(), row.model(), row.status(),
                row.composite(), row.routeOk(), row.costUsd(), row.taskHash(), row.inputTokens(), row.cachedTokens(),
                row.outputTokens(), row.agentS(), row.sandbox());
    }
}
