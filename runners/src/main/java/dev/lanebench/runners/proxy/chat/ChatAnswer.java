package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model answered in a whole (non-streamed) chat completion, read once for either front: reasoning, text,
 * refusal, tool calls, why it stopped, and usage.
 *
 * @param id           the upstream's response id (may be null)
 * @param model        the model the upstream says answered (may be null)
 * @param reasoning    its reasoning, or null
 * @param text         its text ("" when none)
 * @param refusal      its refusal text, or null
 * @param toolCalls    its tool calls (none when {@code tool_calls} is missing or empty)
 * @param finishReason the upstream's finish_reason, or null
 * @param usage        its token counts
 */
public record ChatAnswer(String id, String model, Reasoning reasoning, String text, String refusal,
                         List<ToolCall> toolCalls, String finishReason, ChatUsage usage) {

    public static ChatAnswer of(JsonNode completion) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            JsonNode args = fn.get("arguments");
            calls.add(new ToolCall(call.path("id").asText(null), fn.path("name").asText(""),
                    args == null || args.isNull() ? "" : args.isTextual() ? args.asText() : args.toString()));
        }
        return new ChatAnswer(textOrNull(completion.get("id")), textOrNull(completion.get("model")),
                Reasoning.of(message), message.path("content").isTextual() ? message.path("content").asText() : "",
                textOrNull(message.get("refusal")), calls, textOrNull(choice.get("finish_reason")),
                ChatUsage.of(completion.get("usage")));
    }

    /** A refusal is the upstream's explicit refusal text or its content filter stopping the answer. */
    public boolean refused() {
        return (refusal != null && !refusal.isEmpty()) || "content_filter".equals(finishReason);
    }

    static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
