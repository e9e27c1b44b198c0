package dev.lanebench.runners.lane;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model from lanes.yaml {@code models}.
 *
 * @param endpoint        the name of its endpoint
 * @param id              the id sent upstream (e.g. z-ai/glm-5.2)
 * @param price           dollars per million tokens, used when the response carries no cost
 * @param maxOutputTokens requests are clamped to this
 */
public record ModelSpec(
        @JsonProperty(value = "endpoint", required = true) String endpoint,
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty("price_per_mtok") Price price,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens) {
}
