package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.agent.ModelCall;

/**
 * A successful chat completion.
 *
 * @param body  the completion as the upstream returned it; for a stream, the chunks folded into the same shape
 *              ({@code choices[0].message} with content, reasoning_content/reasoning, tool_calls; finish_reason;
 *              model; provider; usage)
 * @param call  the {@link ModelCall} logged for the try that succeeded
 * @param tries HTTP tries made, the successful one included
 */
public record UpstreamResponse(JsonNode body, ModelCall call, int tries) {

    /** {@code choices[0].message}, or a missing node. */
    public JsonNode message() {
        return body.path("choices").path(0).path("message");
    }

    /** {@code choices[0].finish_reason}, or null. */
    public String finishReason() {
        JsonNode f = body.path("choices").path(0).get("finish_reason");
        return f != null && f.isTextual() ? f.asText() : null;
    }
}
