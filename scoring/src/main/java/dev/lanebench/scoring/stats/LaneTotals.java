package dev.lanebench.scoring.stats;

/**
 * What one lane did across all tasks: attempts by outcome and the money spent.
 *
 * @param scored        scored, on-route attempts (the ones in medians)
 * @param costUsd       sum of cost_usd over every attempt that measured it, errors included (they were paid
 *                      for); null when none did
 * @param costMeasured  how many attempts had a cost_usd
 */
public record LaneTotals(String lane, String runner, String model, int attempts, int scored, int offRoute,
        int infraErrors, int verifyErrors, Double costUsd, int costMeasured) {
}
