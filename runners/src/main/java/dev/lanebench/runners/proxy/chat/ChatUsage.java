package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.upstream.Usage;

/**
 * An upstream answer's token counts in the split both client APIs report: the whole prompt, the part read from
 * cache, the part written to cache, the completion and its reasoning part. Missing counts read as zero, which is
 * what clients expect to find.
 */
public record ChatUsage(long prompt, long cached, long cacheWrites, long completion, long reasoning) {
    public static final ChatUsage ZERO = new ChatUsage(0, 0, 0, 0, 0);

    /** Reads an OpenAI-style usage object (null or missing: zeros). */
    public static ChatUsage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return ZERO;
        }
        return new ChatUsage(usage.path("prompt_tokens").asLong(0), orZero(Usage.cachedTokens(usage)),
                orZero(Usage.cacheWriteTokens(usage)), usage.path("completion_tokens").asLong(0),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }

    /** Prompt tokens neither read from nor written to cache (Anthropic's {@code input_tokens}). */
    public long uncached() {
        return Math.max(0, prompt - cached - cacheWrites);
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }
}
