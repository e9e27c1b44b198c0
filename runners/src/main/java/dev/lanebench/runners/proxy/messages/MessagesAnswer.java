package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.ChatAnswer;
import dev.lanebench.runners.proxy.chat.ToolCall;
import dev.lanebench.runners.proxy.chat.ToolTable;
import dev.lanebench.runners.upstream.WireJson;

/** Turns a whole (non-streamed) chat answer into an Anthropic Messages response. */
public final class MessagesAnswer {
    private MessagesAnswer() {
    }

    /**
     * @param answer        the upstream's answer
     * @param fallbackModel the model name to report when the upstream names none
     * @param tools         the request's tool table, to give tool calls their client names back
     */
    public static ObjectNode of(ChatAnswer answer, String fallbackModel, ToolTable tools) {
        ObjectNode out = WireJson.MAPPER.createObjectNode();
        out.put("id", AnthropicShape.messageId(answer.id()));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", answer.model() == null ? fallbackModel : answer.model());
        ArrayNode content = out.putArray("content");
        if (answer.reasoning() != null) {
            content.addObject().put("type", "thinking").put("thinking", answer.reasoning().text())
                    .put("signature", answer.reasoning().marker());
        }
        if (!answer.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", answer.text());
        }
        if (answer.refusal() != null && !answer.refusal().isEmpty()) {
            content.addObject().put("type", "text").put("text", answer.refusal());
        }
        for (ToolCall call : answer.toolCalls()) {
            ObjectNode block = content.addObject();
            block.put("type", "tool_use");
            block.put("id", call.id());
            block.put("name", tools.client(call.name()).name());
            block.set("input", AnthropicShape.toolInput(call.arguments()));
        }
        out.put("stop_reason", AnthropicShape.stopReason(answer.finishReason(), !answer.toolCalls().isEmpty(),
                answer.refused()));
        out.putNull("stop_sequence");
        out.set("usage", AnthropicShape.usage(answer.usage()));
        return out;
    }
}
