package dev.lanebench.scoring.raw;

/**
 * The low-cardinality columns of a row, which name its cell and lane: one object per distinct combination
 * (a few hundred in a million-row file), made the first time it is seen.
 */
public record ScoreKey(String task, String tier, String lane, String runner, String model, String taskHash) {
}
