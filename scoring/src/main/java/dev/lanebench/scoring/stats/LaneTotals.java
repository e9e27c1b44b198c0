package dev.lanebench.scoring.stats;

import java.util.List;

/**
 * What one lane did across all tasks: attempts by outcome, and the money, tokens and agent time spent. Every
 * sum covers all attempts that measured it, errors included (they were paid for and waited for).
 *
 * @param scored          scored, on-route attempts (the ones in medians)
 * @param costUsd         sum of cost_usd; null when no attempt measured it
 * @param costMeasured    how many attempts had a cost_usd
 * @param inputTokens     sum of input_tokens (uncached); null when no attempt reported tokens
 * @param cachedTokens    sum of cached_tokens
 * @param outputTokens    sum of output_tokens (reasoning included)
 * @param tokensMeasured  how many attempts reported tokens
 * @param agentSeconds    sum of agent_s; null when none measured it
 * @param agentMeasured   how many attempts had an agent_s
 * @param sandboxes       the sandbox backends its attempts ran in, in order seen; empty where none was recorded
 */
public record LaneTotals(String lane, String runner, String model, int attempts, int scored, int offRoute,
        int infraErrors, int verifyErrors, Double costUsd, int costMeasured, Long inputTokens, Long cachedTokens,
        Long outputTokens, int tokensMeasured, Double agentSeconds, int agentMeasured, List<String> sandboxes) {

    /** Mean agent seconds per attempt that measured it; null when none did. */
    public Double meanAgentSeconds() {
        return agentMeasured == 0 ? null : agentSeconds / agentMeasured;
    }
}
