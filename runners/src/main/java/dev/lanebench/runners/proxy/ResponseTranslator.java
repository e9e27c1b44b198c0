package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;

/** Turns a whole (non-streamed) OpenAI chat completion into an Anthropic Messages response. */
public final class ResponseTranslator {
    private ResponseTranslator() {
    }

    /**
     * @param completion    the upstream's response body
     * @param fallbackModel the model name to report when the upstream names none
     */
    public static ObjectNode toAnthropic(JsonNode completion, String fallbackModel) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode out = WireJson.MAPPER.createObjectNode();
        out.put("id", ResponseParts.messageId(completion));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", completion.path("model").asText(fallbackModel));
        ArrayNode content = out.putArray("content");

        Reasoning reasoning = Reasoning.of(message);
        if (reasoning != null) {
            content.addObject().put("type", "thinking").put("thinking", reasoning.text())
                    .put("signature", reasoning.signature());
        }
        String text = message.path("content").isTextual() ? message.path("content").asText() : "";
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        boolean toolUse = false;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            ObjectNode block = content.addObject();
            block.put("type", "tool_use");
            block.put("id", ResponseParts.toolUseId(call.path("id").asText("")));
            block.put("name", fn.path("name").asText(""));
            block.set("input", ResponseParts.toolInput(fn.path("arguments").asText("")));
            toolUse = true;
        }
        out.put("stop_reason", ResponseParts.stopReason(choice.path("finish_reason").asText(null), toolUse));
        out.putNull("stop_sequence");
        out.set("usage", ResponseParts.usage(completion.get("usage")));
        return out;
    }
}
