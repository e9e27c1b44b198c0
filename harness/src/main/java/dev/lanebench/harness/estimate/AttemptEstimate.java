package dev.lanebench.harness.estimate;

import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.Price;

/**
 * What one attempt of a task on a lane is expected to use: tokens, and where the figure comes from.
 *
 * @param inputTokens  uncached input tokens
 * @param cachedTokens input tokens served from cache
 * @param outputTokens output tokens, reasoning included
 * @param runCostUsd   the mean cost an earlier run measured, for lanes without a price (null when none)
 * @param source       where the figures come from ("tier default", "run <id>, n=3", …)
 */
public record AttemptEstimate(long inputTokens, long cachedTokens, long outputTokens, Double runCostUsd, String source) {

    /** The attempt's cost at the lane's model prices; 0 for lanes without a model; null when it cannot be told. */
    public Double usd(Lane lane) {
        if (lane.model() == null) {
            return 0.0;
        }
        Price price = lane.model().price();
        if (price == null) {
            return runCostUsd;
        }
        return price.costUsd(inputTokens, cachedTokens, outputTokens);
    }
}
