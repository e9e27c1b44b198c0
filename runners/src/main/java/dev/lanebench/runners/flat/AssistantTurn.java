package dev.lanebench.runners.flat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One assistant message as the loop needs it.
 *
 * @param content        visible text ("" when none)
 * @param reasoningField where the reasoning came ({@code reasoning_content} or {@code reasoning}), null if none
 * @param reasoning      the reasoning text ("" when none)
 * @param toolCalls      tool calls in order
 * @param finishReason   the choice's finish_reason, null when absent
 */
record AssistantTurn(String content, String reasoningField, String reasoning, List<ToolCallRequest> toolCalls,
                     String finishReason) {

    /**
     * A tool call as the model sent it.
     *
     * @param id        the call id to answer with (generated when the server sent none)
     * @param name      the tool's name
     * @param arguments the arguments text, unparsed
     */
    record ToolCallRequest(String id, String name, String arguments) {
    }

    static AssistantTurn from(JsonNode message, String finishReason, int turn) {
        String content = text(message.get("content"));
        String field = null;
        String reasoning = "";
        for (String f : new String[] {"reasoning_content", "reasoning"}) {
            String r = text(message.get(f));
            if (!r.isEmpty()) {
                field = f;
                reasoning = r;
                break;
            }
        }
        List<ToolCallRequest> calls = new ArrayList<>();
        JsonNode tc = message.get("tool_calls");
        if (tc != null && tc.isArray()) {
            int i = 0;
            for (JsonNode c : tc) {
                i++;
                String id = text(c.get("id"));
                JsonNode fn = c.path("function");
                JsonNode args = fn.get("arguments");
                // A few servers send the arguments as an object rather than a JSON string; read both.
                String raw = args == null || args.isNull() ? "" : args.isTextual() ? args.asText() : args.toString();
                calls.add(new ToolCallRequest(id.isEmpty() ? "call_" + turn + "_" + i : id, text(fn.get("name")), raw));
            }
        }
        return new AssistantTurn(content, field, reasoning, List.copyOf(calls), finishReason);
    }

    boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    /** The budget went to reasoning: cut off at the token limit with nothing visible and nothing to do. */
    boolean reasoningExhausted() {
        return "length".equals(finishReason) && content.isBlank() && toolCalls.isEmpty();
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : "";
    }
}
