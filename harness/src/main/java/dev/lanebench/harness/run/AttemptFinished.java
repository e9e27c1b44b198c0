package dev.lanebench.harness.run;

import dev.lanebench.scoring.raw.RawRow;
import java.time.Duration;

/**
 * An attempt whose row is written.
 *
 * @param attempt          the attempt as it was live
 * @param row              its raw.csv row
 * @param replicationFinal whether its replication is now final (no retry follows)
 * @param retryIn          the wait before the retry that follows, or null
 */
public record AttemptFinished(LiveAttempt attempt, RawRow row, boolean replicationFinal, Duration retryIn) {
}
