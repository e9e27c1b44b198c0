package dev.lanebench.runners.lane;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model from lanes.yaml {@code models}.
 *
 * @param endpoint        the name of its endpoint
 * @param id              the id sent upstream (e.g. z-ai/glm-5.2)
 * @param price           dollars per million tokens, used when the response carries no cost
 * @param maxOutputTokens requests are clamped to this
 * @param echoReasoning   send the model's reasoning ({@code reasoning_content} / {@code reasoning}) back in the
 *                        assistant messages of later turns. Some models need it to keep thinking across tool
 *                        calls (e.g. GLM's preserved thinking, Kimi K2 thinking); others reject it (DeepSeek's
 *                        reasoner returns 400). Default false.
 */
public record ModelSpec(
        @JsonProperty(value = "endpoint", required = true) String endpoint,
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty("price_per_mtok") Price price,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens,
        @JsonProperty("echo_reasoning") Boolean echoReasoning) {

    @JsonCreator
    public ModelSpec {
    }

    /** The model without the reasoning-echo setting (kept so existing callers compile). */
    public ModelSpec(String endpoint, String id, Price price, Integer maxOutputTokens) {
        this(endpoint, id, price, maxOutputTokens, null);
    }

    public boolean echoesReasoning() {
        return Boolean.TRUE.equals(echoReasoning);
    }
}
