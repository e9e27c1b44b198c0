package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a chat conversation in the order OpenAI-compatible servers demand: every assistant message with
 * {@code tool_calls} directly followed by one tool message per call, in the calls' order. Clients do not always
 * send it that way (results split over several turns, in another order, missing after an interrupted tool, or
 * answering a call that is not there), and a server then rejects the whole request.
 */
public final class ToolResultOrder {
    static final String NO_RESULT = "(no result: the tool call was not answered)";

    private ToolResultOrder() {
    }

    /**
     * Reorders tool messages after their calls. A call without a result gets a placeholder result; a result
     * whose call is nowhere becomes user text in its place, so nothing the client sent is lost.
     */
    public static List<ObjectNode> apply(List<ObjectNode> messages) {
        Set<String> callIds = new HashSet<>();
        Map<String, ObjectNode> results = new LinkedHashMap<>();
        for (ObjectNode m : messages) {
            for (JsonNode call : m.path("tool_calls")) {
                callIds.add(call.path("id").asText());
            }
            if ("tool".equals(m.path("role").asText())) {
                results.putIfAbsent(m.path("tool_call_id").asText(), m);
            }
        }
        List<ObjectNode> out = new ArrayList<>(messages.size() + 2);
        Set<String> placed = new HashSet<>();
        for (ObjectNode m : messages) {
            if ("tool".equals(m.path("role").asText())) {
                String id = m.path("tool_call_id").asText();
                if (!callIds.contains(id)) {
                    out.add(orphan(m));
                } else if (results.get(id) != m) {
                    out.add(orphan(m)); // a second result for one call
                }
                continue;
            }
            out.add(m);
            for (JsonNode call : m.path("tool_calls")) {
                String id = call.path("id").asText();
                if (!placed.add(id)) {
                    continue;
                }
                ObjectNode result = results.get(id);
                out.add(result != null ? result : placeholder(id));
            }
        }
        return out;
    }

    private static ObjectNode placeholder(String callId) {
        return ChatParts.toolMessage(callId, NO_RESULT);
    }

    private static ObjectNode orphan(ObjectNode toolMessage) {
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "user");
        m.put("content", "Result of tool call " + toolMessage.path("tool_call_id").asText() + ":\n"
                + toolMessage.path("content").asText(""));
        return m;
    }
}
