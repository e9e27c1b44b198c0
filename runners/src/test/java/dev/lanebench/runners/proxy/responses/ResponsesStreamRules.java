package dev.lanebench.runners.proxy.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.ProxyFixture.Event;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules a Responses API stream must follow for the codex CLI and the OpenAI SDKs, checked over a whole
 * stream: response.created first; sequence numbers from 0 without gaps; every output item added, then done, at
 * the next output index, before the final event; deltas only for the item that is open, and joined they equal
 * the done text or arguments; one final response.completed, response.incomplete or response.failed whose output
 * is the items done. Returns that final response.
 */
final class ResponsesStreamRules {
    private ResponsesStreamRules() {
    }

    static ObjectNode check(List<Event> events) throws IOException {
        if (events.isEmpty() || !events.get(0).type().equals("response.created")) {
            throw new AssertionError("the stream must begin with response.created");
        }
        ArrayNode done = WireJson.MAPPER.createArrayNode();
        Map<String, JsonNode> open = new HashMap<>();
        Map<String, StringBuilder> text = new HashMap<>();
        ObjectNode last = null;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            JsonNode d = e.data();
            if (d.path("sequence_number").asInt(-1) != i) {
                throw new AssertionError("event " + i + " (" + e.type() + ") has sequence_number " + d.get("sequence_number"));
            }
            if (last != null) {
                throw new AssertionError("event after the final one: " + e.type());
            }
            String itemId = d.path("item_id").asText(null);
            switch (e.type()) {
                case "response.created", "response.in_progress" -> {
                }
                case "response.output_item.added" -> {
                    if (!open.isEmpty()) {
                        throw new AssertionError("output_item.added while " + open.keySet() + " is open");
                    }
                    if (d.path("output_index").asInt(-1) != done.size()) {
                        throw new AssertionError("output_index " + d.get("output_index") + ", expected " + done.size());
                    }
                    open.put(d.get("item").get("id").asText(), d.get("item"));
                    text.put(d.get("item").get("id").asText(), new StringBuilder());
                }
                case "response.output_item.done" -> {
                    JsonNode item = d.get("item");
                    JsonNode added = open.remove(item.get("id").asText());
                    if (added == null || !added.get("type").equals(item.get("type"))) {
                        throw new AssertionError("output_item.done for an item not open: " + item);
                    }
                    if (d.path("output_index").asInt(-1) != done.size()) {
                        throw new AssertionError("done output_index " + d.get("output_index") + ", expected " + done.size());
                    }
                    String joined = text.get(item.get("id").asText()).toString();
                    switch (item.path("type").asText()) {
                        case "function_call" -> {
                            equal("function_call arguments", joined, item.path("arguments").asText());
                            if (!WireJson.MAPPER.readTree(item.path("arguments").asText()).isObject()) {
                                throw new AssertionError("function_call arguments are not a JSON object: " + item);
                            }
                            nonEmpty(item, "call_id", "name");
                        }
                        case "custom_tool_call" -> {
                            equal("custom_tool_call input", joined, item.path("input").asText());
                            nonEmpty(item, "call_id", "name");
                        }
                        case "message" -> {
                            StringBuilder all = new StringBuilder();
                            for (JsonNode part : item.path("content")) {
                                all.append(part.path("text").asText(part.path("refusal").asText("")));
                            }
                            equal("message text", joined, all.toString());
                        }
                        case "reasoning" -> {
                            StringBuilder all = new StringBuilder();
                            for (JsonNode part : item.path("content")) {
                                all.append(part.path("text").asText(""));
                            }
                            equal("reasoning text", joined, all.toString());
                        }
                        default -> throw new AssertionError("unknown item type " + item.get("type"));
                    }
                    done.add(item);
                }
                case "response.output_text.delta", "response.refusal.delta", "response.reasoning_text.delta",
                     "response.function_call_arguments.delta", "response.custom_tool_call_input.delta" -> {
                    if (!open.containsKey(itemId)) {
                        throw new AssertionError(e.type() + " for item " + itemId + " which is not open");
                    }
                    text.get(itemId).append(d.path("delta").asText());
                }
                case "response.content_part.added", "response.content_part.done", "response.output_text.done",
                     "response.refusal.done", "response.reasoning_text.done",
                     "response.function_call_arguments.done", "response.custom_tool_call_input.done" -> {
                    if (!open.containsKey(itemId)) {
                        throw new AssertionError(e.type() + " for item " + itemId + " which is not open");
                    }
                }
                case "response.completed", "response.incomplete", "response.failed" -> {
                    if (!open.isEmpty()) {
                        throw new AssertionError(e.type() + " while items are open: " + open.keySet());
                    }
                    last = (ObjectNode) d.get("response");
                    if (!last.get("output").equals(done)) {
                        throw new AssertionError("final output differs from the items done");
                    }
                    if (last.has("previous_response_id") && last.get("previous_response_id").isNull()) {
                        throw new AssertionError("previous_response_id sent as null");
                    }
                }
                default -> throw new AssertionError("unexpected event " + e.type());
            }
        }
        if (last == null) {
            throw new AssertionError("the stream ended without response.completed, .incomplete or .failed");
        }
        return last;
    }

    private static void equal(String what, String joined, String whole) {
        if (!joined.equals(whole)) {
            throw new AssertionError(what + ": deltas joined '" + joined + "' differ from the item's '" + whole + "'");
        }
    }

    private static void nonEmpty(JsonNode item, String... fields) {
        for (String f : fields) {
            if (item.path(f).asText("").isEmpty()) {
                throw new AssertionError(item.path("type").asText() + " without " + f);
            }
        }
    }
}
