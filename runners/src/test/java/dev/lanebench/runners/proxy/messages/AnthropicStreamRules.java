package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.ProxyFixture.Event;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event-sequence rules the official Anthropic SDKs enforce when they accumulate a streamed message (and a
 * little stricter: one block open at a time, numbered from 0), checked over a whole stream. Returns the message
 * the SDK would have built, so a test can look at its blocks.
 */
final class AnthropicStreamRules {
    private AnthropicStreamRules() {
    }

    /** Checks every rule and returns the accumulated message; throws AssertionError naming the broken rule. */
    static ObjectNode accumulate(List<Event> events) throws IOException {
        if (events.isEmpty() || !events.get(0).type().equals("message_start")) {
            throw new AssertionError("the stream must begin with message_start, got " + (events.isEmpty() ? "nothing" : events.get(0).type()));
        }
        ObjectNode message = events.get(0).data().get("message").deepCopy();
        ArrayNode content = (ArrayNode) message.get("content");
        if (!content.isEmpty()) {
            throw new AssertionError("message_start must carry no content");
        }
        StringBuilder json = null;
        int open = -1;
        boolean delta = false;
        boolean stopped = false;
        Set<String> toolIds = new HashSet<>();
        for (Event e : events.subList(1, events.size())) {
            JsonNode d = e.data();
            if (stopped) {
                throw new AssertionError("event after message_stop: " + e.type());
            }
            switch (e.type()) {
                case "message_start" -> throw new AssertionError("a second message_start");
                case "content_block_start" -> {
                    if (open >= 0) {
                        throw new AssertionError("content_block_start " + d.get("index") + " while block " + open + " is open");
                    }
                    if (delta) {
                        throw new AssertionError("content_block_start after message_delta");
                    }
                    if (d.path("index").asInt(-1) != content.size()) {
                        throw new AssertionError("content_block_start index " + d.get("index") + ", expected " + content.size());
                    }
                    JsonNode block = d.get("content_block");
                    String type = block.path("type").asText();
                    if (type.equals("tool_use")) {
                        if (block.path("id").asText("").isEmpty() || block.path("name").asText("").isEmpty()) {
                            throw new AssertionError("tool_use block without id or name: " + block);
                        }
                        if (!toolIds.add(block.get("id").asText())) {
                            throw new AssertionError("two tool_use blocks with id " + block.get("id"));
                        }
                        json = new StringBuilder();
                    }
                    content.add(block.deepCopy());
                    open = content.size() - 1;
                }
                case "content_block_delta" -> {
                    if (d.path("index").asInt(-1) != open) {
                        throw new AssertionError("content_block_delta for block " + d.get("index") + " while " + open + " is open");
                    }
                    ObjectNode block = (ObjectNode) content.get(open);
                    JsonNode dd = d.get("delta");
                    String want = switch (dd.path("type").asText()) {
                        case "text_delta" -> "text";
                        case "input_json_delta" -> "tool_use";
                        case "thinking_delta", "signature_delta" -> "thinking";
                        default -> throw new AssertionError("unknown delta type " + dd.path("type"));
                    };
                    if (!want.equals(block.path("type").asText())) {
                        throw new AssertionError(dd.path("type").asText() + " on a " + block.path("type").asText() + " block");
                    }
                    switch (dd.path("type").asText()) {
                        case "text_delta" -> block.put("text", block.path("text").asText() + dd.path("text").asText());
                        case "thinking_delta" -> block.put("thinking", block.path("thinking").asText() + dd.path("thinking").asText());
                        case "signature_delta" -> block.put("signature", dd.path("signature").asText());
                        default -> json.append(dd.path("partial_json").asText());
                    }
                }
                case "content_block_stop" -> {
                    if (d.path("index").asInt(-1) != open) {
                        throw new AssertionError("content_block_stop for " + d.get("index") + " while " + open + " is open");
                    }
                    ObjectNode block = (ObjectNode) content.get(open);
                    if (block.path("type").asText().equals("tool_use")) {
                        // the SDK parses the joined partial_json; an empty string means {}
                        JsonNode input = json.length() == 0 ? WireJson.MAPPER.createObjectNode() : WireJson.MAPPER.readTree(json.toString());
                        if (!input.isObject()) {
                            throw new AssertionError("tool_use input is not a JSON object: " + json);
                        }
                        block.set("input", input);
                    }
                    open = -1;
                }
                case "message_delta" -> {
                    if (open >= 0) {
                        throw new AssertionError("message_delta while block " + open + " is open");
                    }
                    delta = true;
                    message.set("stop_reason", d.path("delta").get("stop_reason"));
                    message.set("usage", d.get("usage"));
                }
                case "message_stop" -> {
                    if (!delta) {
                        throw new AssertionError("message_stop without message_delta");
                    }
                    stopped = true;
                }
                case "ping" -> {
                }
                default -> throw new AssertionError("unexpected event " + e.type());
            }
        }
        if (!stopped) {
            throw new AssertionError("the stream ended without message_stop");
        }
        boolean hasTool = false;
        for (JsonNode b : content) {
            hasTool |= b.path("type").asText().equals("tool_use");
        }
        if (hasTool != "tool_use".equals(message.path("stop_reason").asText())) {
            throw new AssertionError("stop_reason " + message.path("stop_reason") + " with tool_use blocks: " + hasTool);
        }
        return message;
    }
}
