package dev.lanebench.scoring.raw;

/**
 * The low-cardinality columns of a row, which name its cell and lane and how the lane ran: one object per
 * distinct combination (a few hundred in a million-row file), made the first time it is seen.
 *
 * @param sandbox the sandbox backend; null where not recorded (schema 1)
 */
public record ScoreKey(String task, String tier, String lane, String runner, String model, String taskHash,
        String sandbox) {
}
