package dev.lanebench.runners.agent;

/**
 * One upstream model request as the harness saw it: the unit of route proof and of token and cost
 * accounting. Token counts are null when the response did not report them.
 *
 * @param requestedModel the model id sent upstream
 * @param servedModel    the model the response says served it (null when unknown)
 * @param provider       the provider the response names (OpenRouter's {@code provider}), null when absent
 * @param status         HTTP status, or 0 when no response arrived (network failure, timeout)
 * @param ok             true when the call produced a usable model answer
 * @param latencyMs      request start to last byte
 * @param inputTokens    prompt tokens not served from cache
 * @param cachedTokens   prompt tokens served from cache
 * @param outputTokens   completion tokens (reasoning included, as the upstream counts them)
 * @param reasoningTokens the part of outputTokens spent on reasoning
 * @param costUsd        the provider's reported cost, else priced from the lane's model; null when neither
 * @param costSource     "provider" or "price" (null when costUsd is null)
 * @param role           "main" or "small": which lane model the call was for
 * @param error          short error text for failed calls
 * @param stopReason     why the model stopped, as the upstream said it ({@code choices[0].finish_reason}:
 *                       stop, tool_calls, length, content_filter, …); null for failed calls or when absent
 */
public record ModelCall(
        String requestedModel, String servedModel, String provider, int status, boolean ok, long latencyMs,
        Long inputTokens, Long cachedTokens, Long outputTokens, Long reasoningTokens,
        Double costUsd, String costSource, String role, String error, String stopReason) {

    /** A call without a stop reason (failed, or the upstream named none). */
    public ModelCall(String requestedModel, String servedModel, String provider, int status, boolean ok, long latencyMs,
                     Long inputTokens, Long cachedTokens, Long outputTokens, Long reasoningTokens,
                     Double costUsd, String costSource, String role, String error) {
        this(requestedModel, servedModel, provider, status, ok, latencyMs, inputTokens, cachedTokens, outputTokens,
                reasoningTokens, costUsd, costSource, role, error, null);
    }

    /** Whether this call was served by the model that was asked for; an unknown served model is not proof. */
    public boolean servedAsRequested() {
        return servedModel != null && ServedModelMatch.matches(requestedModel, servedModel);
    }
}
