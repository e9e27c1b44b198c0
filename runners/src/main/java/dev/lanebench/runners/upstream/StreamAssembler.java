package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds streamed chat-completion chunks into the body a non-streamed request would have returned (one choice:
 * content, reasoning, tool calls joined by index, finish_reason; plus model, provider and usage), so callers of
 * either mode read one shape.
 */
final class StreamAssembler {
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoningContent = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final Map<Integer, ToolCallParts> toolCalls = new TreeMap<>();
    private String id;
    private String model;
    private String provider;
    private String finishReason;
    private JsonNode usage;
    private boolean sawChoice;

    private static final class ToolCallParts {
        String id;
        String type;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

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
            JsonNode calls = delta.get("tool_calls");
            if (calls != null && calls.isArray()) {
                int position = 0;
                for (JsonNode call : calls) {
                    // Some servers omit the index when they send each call whole; fall back to the position.
                    int index = call.has("index") ? call.get("index").asInt() : toolCalls.size() + position++;
                    ToolCallParts p = toolCalls.computeIfAbsent(index, k -> new ToolCallParts());
                    p.id = text(call.get("id"), p.id);
                    p.type = text(call.get("type"), p.type);
                    JsonNode fn = call.path("function");
                    p.name = text(fn.get("name"), p.name);
                    JsonNode args = fn.get("arguments");
                    if (args != null && args.isTextual()) {
                        p.arguments.append(args.asText());
                    } else if (args != null && args.isObject()) {
                        p.arguments.append(args);
                    }
                }
            }
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
        if (!toolCalls.isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCallParts p : toolCalls.values()) {
                ObjectNode c = calls.addObject();
                if (p.id != null) {
                    c.put("id", p.id);
                }
                c.put("type", p.type == null ? "function" : p.type);
                ObjectNode fn = c.putObject("function");
                fn.put("name", p.name);
                fn.put("arguments", p.arguments.toString());
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
