package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.lane.Price;

/**
 * Token counts and cost read from a response's {@code usage} object; fields are null when not reported.
 *
 * @param inputTokens     prompt tokens not served from cache (prompt − cached)
 * @param cachedTokens    prompt tokens served from cache
 * @param outputTokens    completion tokens, reasoning included
 * @param reasoningTokens the reasoning part of outputTokens
 * @param costUsd         provider-reported cost, else priced, else null
 * @param costSource      "provider", "price" or null
 */
public record Usage(Long inputTokens, Long cachedTokens, Long outputTokens, Long reasoningTokens, Double costUsd,
                    String costSource) {

    public static final Usage NONE = new Usage(null, null, null, null, null, null);

    /**
     * Reads OpenAI-style usage ({@code prompt_tokens_details.cached_tokens},
     * {@code completion_tokens_details.reasoning_tokens}) and DeepSeek's {@code prompt_cache_hit_tokens}.
     * The provider's {@code usage.cost} (OpenRouter) wins over the lane's price because it is what was billed.
     *
     * @param usage the usage node, may be null or missing
     * @param price the model's price, may be null
     */
    public static Usage of(JsonNode usage, Price price) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        Long prompt = number(usage.get("prompt_tokens"));
        Long completion = number(usage.get("completion_tokens"));
        Long cached = cachedTokens(usage);
        Long reasoning = number(usage.path("completion_tokens_details").get("reasoning_tokens"));
        if (prompt != null && cached == null) {
            // The response reported a prompt count and no cache field: nothing came from cache.
            cached = 0L;
        }
        Long input = prompt == null ? null : Math.max(0, prompt - (cached == null ? 0 : cached));
        JsonNode providerCost = usage.get("cost");
        if (providerCost != null && providerCost.isNumber()) {
            return new Usage(input, cached, completion, reasoning, providerCost.asDouble(), "provider");
        }
        if (price != null && input != null && completion != null) {
            return new Usage(input, cached, completion, reasoning, price.costUsd(input, cached, completion), "price");
        }
        return new Usage(input, cached, completion, reasoning, null, null);
    }

    /**
     * Prompt tokens read from cache, wherever the upstream reports them ({@code prompt_tokens_details.cached_tokens},
     * DeepSeek's {@code prompt_cache_hit_tokens}); null when it does not.
     */
    public static Long cachedTokens(JsonNode usage) {
        if (usage == null) {
            return null;
        }
        Long cached = number(usage.path("prompt_tokens_details").get("cached_tokens"));
        return cached != null ? cached : number(usage.get("prompt_cache_hit_tokens"));
    }

    /**
     * Prompt tokens written to cache, where the upstream reports them (OpenRouter's
     * {@code prompt_tokens_details.cache_write_tokens}, an Anthropic-backed server's
     * {@code cache_creation_input_tokens}); null when it does not.
     */
    public static Long cacheWriteTokens(JsonNode usage) {
        if (usage == null) {
            return null;
        }
        Long written = number(usage.path("prompt_tokens_details").get("cache_write_tokens"));
        return written != null ? written : number(usage.get("cache_creation_input_tokens"));
    }

    private static Long number(JsonNode n) {
        return n != null && n.isNumber() ? n.asLong() : null;
    }
}
