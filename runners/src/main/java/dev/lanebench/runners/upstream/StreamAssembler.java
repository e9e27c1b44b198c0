package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Folds streamed chat-completion chunks into the body a non-streamed request would have returned (one choice:
 * content, reasoning, tool calls joined as {@link ToolCallFragments} says, finish_reason; plus model, provider
 * and usage), so callers of either mode read one shape.
 */
final class StreamAssembler {
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoningContent = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final ToolCallFragments toolCalls = new ToolCallFragments();
    private String id;
    private String model;
    private String provider;
    private String finishReason;
    private JsonNode usage;
    private boolean sawChoice;

    void accept(JsonNode chunk) {
        id = text(chunk.get("id"), id);
        model = text(chunk.get("model"), model);
        provider = text(chunk.get("provider"), provider);
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) {
            usage = u;
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray()) {
            return;
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            sawChoice = true;
            finishReason = text(choice.get("finish_reason"), finishReason);
            JsonNode delta = choice.path("delta");
            append(content, delta.get("content"));
            append(reasoningContent, delta.get("reasoning_content"));
            append(reasoning, delta.get("reasoning"));
            append(refusal, delta.get("refusal"));
            toolCalls.accept(delta.get("tool_calls"));
        }
    }

    boolean sawChoice() {
        return sawChoice;
    }

    String finishReason() {
        return finishReason;
    }

    ObjectNode result() {
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        if (id != null) {
            body.put("id", id);
        }
        body.put("object", "chat.completion");
        if (model != null) {
            body.put("model", model);
        }
        if (provider != null) {
            body.put("provider", provider);
        }
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content.toString());
        if (reasoningContent.length() > 0) {
            message.put("reasoning_content", reasoningContent.toString());
        }
        if (reasoning.length() > 0) {
            message.put("reasoning", reasoning.toString());
        }
        if (refusal.length() > 0) {
            message.put("refusal", refusal.toString());
        }
        if (!toolCalls.isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCallFragments.Call p : toolCalls.calls()) {
                ObjectNode c = calls.addObject();
                if (p.id() != null) {
                    c.put("id", p.id());
                }
                c.put("type", "function");
                ObjectNode fn = c.putObject("function");
                fn.put("name", p.name());
                fn.put("arguments", p.arguments());
            }
        }
        if (finishReason != null) {
            choice.put("finish_reason", finishReason);
        } else {
            choice.putNull("finish_reason");
        }
        if (usage != null) {
            body.set("usage", usage);
        }
        return body;
    }

    private static String text(JsonNode n, String fallback) {
        return n != null && n.isTextual() ? n.asText() : fallback;
    }

    private static void append(StringBuilder b, JsonNode n) {
        if (n != null && n.isTextual()) {
            b.append(n.asText());
        }
    }
}
