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
 * @param reasoning       the model takes {@code reasoning_effort}: the proxy maps a client's thinking budget or
 *                        reasoning effort onto it. Default false (the field is then never sent).
 * @param pdfInput        the endpoint takes PDF documents as chat {@code file} parts for this model. Default
 *                        false: a PDF is then refused with a 400 that says so, never dropped.
 */
public record ModelSpec(
        @JsonProperty(value = "endpoint", required = true) String endpoint,
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty("price_per_mtok") Price price,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens,
        @JsonProperty("echo_reasoning") Boolean echoReasoning,
        @JsonProperty("reasoning") Boolean reasoning,
        @JsonProperty("pdf_input") Boolean pdfInput) {

    @JsonCreator
    public ModelSpec {
    }

    /** The model without the optional flags. */
    public ModelSpec(String endpoint, String id, Price price, Integer maxOutputTokens) {
        this(endpoint, id, price, maxOutputTokens, null, null, null);
    }

    /** The model with only the reasoning-echo flag. */
    public ModelSpec(String endpoint, String id, Price price, Integer maxOutputTokens, Boolean echoReasoning) {
        this(endpoint, id, price, maxOutputTokens, echoReasoning, null, null);
    }

    public boolean echoesReasoning() {
        return Boolean.TRUE.equals(echoReasoning);
    }

    public boolean takesReasoningEffort() {
        return Boolean.TRUE.equals(reasoning);
    }

    public boolean takesPdf() {
        return Boolean.TRUE.equals(pdfInput);
    }
}
