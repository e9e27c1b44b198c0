package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an Anthropic Messages request (as the claude CLI sends it) into an OpenAI chat-completions request.
 * A pure function over Jackson trees; everything the upstream has no use for is left out rather than
 * forwarded, which is what litellm's {@code drop_params: true} does in the seed recipe.
 */
public final class RequestTranslator {
    static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header";

    private RequestTranslator() {
    }

    /**
     * @param request        the Anthropic request body
     * @param upstreamModel  the model id to send upstream (the lane's model, not what the CLI asked for)
     * @param maxTokensCap   the most output tokens to ask for (model limit, lane limit), null for no cap
     * @param echoReasoning  send earlier reasoning back (lanes.yaml {@code echo_reasoning}): some models need it
     *                       across tool calls, others reject it
     * @throws InvalidRequestException when the body is not a Messages request at all
     */
    public static ObjectNode toOpenAi(JsonNode request, String upstreamModel, Integer maxTokensCap,
                                      boolean echoReasoning) {
        if (request == null || !request.isObject()) {
            throw new InvalidRequestException("request body must be a JSON object");
        }
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new InvalidRequestException("messages: field required (an array)");
        }
        ObjectNode out = WireJson.MAPPER.createObjectNode();
        out.put("model", upstreamModel);

        StringBuilder system = new StringBuilder(systemText(request.get("system")));
        List<ObjectNode> conversation = new ArrayList<>();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            switch (role) {
                // Many chat templates reject a system message after the first position, so a mid-conversation
                // system message joins the leading one, after what was there (keeping the cached prefix).
                case "system" -> appendParagraph(system, plainText(m.get("content")));
                case "user" -> addUser(m.get("content"), conversation);
                case "assistant" -> addAssistant(m.get("content"), conversation, echoReasoning);
                default -> throw new InvalidRequestException("messages: unknown role '" + role + "'");
            }
        }
        ArrayNode outMessages = out.putArray("messages");
        if (system.length() > 0) {
            outMessages.addObject().put("role", "system").put("content", system.toString());
        }
        conversation.forEach(outMessages::add);

        addTools(request, out);
        Integer maxTokens = maxTokens(request.get("max_tokens"), maxTokensCap);
        if (maxTokens != null) {
            out.put("max_tokens", maxTokens);
        }
        copyNumber(request, "temperature", out);
        copyNumber(request, "top_p", out);
        JsonNode stops = request.get("stop_sequences");
        if (stops != null && stops.isArray() && !stops.isEmpty()) {
            out.set("stop", stops.deepCopy());
        }
        if (request.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return out;
    }

    static Integer maxTokens(JsonNode requested, Integer cap) {
        if (requested == null || !requested.canConvertToInt()) {
            return cap;
        }
        int r = requested.asInt();
        return cap == null ? r : Math.min(r, cap);
    }

    private static void copyNumber(JsonNode from, String key, ObjectNode to) {
        JsonNode v = from.get(key);
        if (v != null && v.isNumber()) {
            to.set(key, v);
        }
    }

    /** The system prompt as one string, without the billing-header block (it is for Anthropic's billing only). */
    static String systemText(JsonNode system) {
        if (system == null || system.isNull()) {
            return "";
        }
        if (system.isTextual()) {
            return system.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : system) {
            String text = block.path("text").asText("");
            if (!"text".equals(block.path("type").asText()) || text.startsWith(BILLING_HEADER_PREFIX)) {
                continue;
            }
            appendParagraph(sb, text);
        }
        return sb.toString();
    }

    private static void appendParagraph(StringBuilder sb, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append("\n\n");
        }
        sb.append(text);
    }

    /** The text of a content that is a string or a list of blocks; non-text blocks are left out. */
    static String plainText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(block.path("text").asText(""));
            }
        }
        return sb.toString();
    }

    /**
     * A user turn: each tool_result becomes its own tool message first (they must directly follow the
     * assistant message holding the tool calls), then the rest of the turn as one user message.
     */
    private static void addUser(JsonNode content, List<ObjectNode> out) {
        if (content == null || content.isTextual()) {
            out.add(userMessage(List.of(textPart(content == null ? "" : content.asText()))));
            return;
        }
        List<ObjectNode> parts = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> parts.add(textPart(block.path("text").asText("")));
                case "image" -> {
                    ObjectNode image = imagePart(block);
                    if (image != null) {
                        parts.add(image);
                    }
                }
                case "document" -> {
                    if ("text".equals(block.path("source").path("type").asText())) {
                        parts.add(textPart(block.path("source").path("data").asText("")));
                    }
                }
                case "tool_result" -> out.add(toolMessage(block, parts));
                default -> {
                    // Server-tool results and other Anthropic-only blocks mean nothing to an OpenAI upstream.
                }
            }
        }
        if (!parts.isEmpty()) {
            out.add(userMessage(parts));
        }
    }

    private static ObjectNode toolMessage(JsonNode block, List<ObjectNode> imagesOut) {
        JsonNode c = block.get("content");
        StringBuilder text = new StringBuilder();
        if (c != null && c.isTextual()) {
            text.append(c.asText());
        } else if (c != null && c.isArray()) {
            for (JsonNode part : c) {
                String type = part.path("type").asText();
                if ("text".equals(type)) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(part.path("text").asText(""));
                } else if ("image".equals(type)) {
                    // A tool message holds a string only, so the image rides in the user message that follows.
                    ObjectNode image = imagePart(part);
                    if (image != null) {
                        imagesOut.add(image);
                    }
                }
            }
        }
        String body = text.toString();
        if (block.path("is_error").asBoolean(false)) {
            body = "Error: " + body;
        }
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "tool");
        m.put("tool_call_id", block.path("tool_use_id").asText(""));
        m.put("content", body);
        return m;
    }

    private static ObjectNode userMessage(List<ObjectNode> parts) {
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "user");
        boolean allText = parts.stream().allMatch(p -> "text".equals(p.path("type").asText()));
        if (allText) {
            // A plain string is what every OpenAI-compatible server accepts; part arrays only when needed.
            StringBuilder sb = new StringBuilder();
            for (ObjectNode p : parts) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(p.path("text").asText());
            }
            m.put("content", sb.toString());
        } else {
            ArrayNode arr = m.putArray("content");
            parts.forEach(arr::add);
        }
        return m;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode p = WireJson.MAPPER.createObjectNode();
        p.put("type", "text");
        p.put("text", text);
        return p;
    }

    private static ObjectNode imagePart(JsonNode block) {
        JsonNode source = block.path("source");
        String url;
        switch (source.path("type").asText()) {
            case "base64" -> url = "data:" + source.path("media_type").asText("image/png") + ";base64,"
                    + source.path("data").asText("");
            case "url" -> url = source.path("url").asText("");
            default -> {
                return null;
            }
        }
        ObjectNode p = WireJson.MAPPER.createObjectNode();
        p.put("type", "image_url");
        p.putObject("image_url").put("url", url);
        return p;
    }

    private static void addAssistant(JsonNode content, List<ObjectNode> out, boolean echoReasoning) {
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "assistant");
        if (content == null || content.isTextual()) {
            m.put("content", content == null ? "" : content.asText());
            out.add(m);
            return;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String reasoningField = null;
        ArrayNode calls = WireJson.MAPPER.createArrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText(""));
                case "tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", block.path("id").asText(""));
                    call.put("type", "function");
                    ObjectNode fn = call.putObject("function");
                    fn.put("name", block.path("name").asText(""));
                    JsonNode input = block.get("input");
                    fn.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
                }
                case "thinking" -> {
                    String field = Reasoning.fieldOfSignature(block.path("signature").asText(null));
                    if (echoReasoning && field != null) {
                        reasoningField = field;
                        reasoning.append(block.path("thinking").asText(""));
                    }
                }
                default -> {
                    // redacted_thinking and server-tool blocks cannot be replayed to an OpenAI upstream.
                }
            }
        }
        if (text.length() > 0 || calls.isEmpty()) {
            m.put("content", text.toString());
        } else {
            m.putNull("content");
        }
        if (reasoningField != null) {
            m.put(reasoningField, reasoning.toString());
        }
        if (!calls.isEmpty()) {
            m.set("tool_calls", calls);
        }
        out.add(m);
    }

    private static void addTools(JsonNode request, ObjectNode out) {
        JsonNode tools = request.get("tools");
        ArrayNode outTools = WireJson.MAPPER.createArrayNode();
        if (tools != null && tools.isArray()) {
            for (JsonNode t : tools) {
                JsonNode schema = t.get("input_schema");
                // Deferred tools are only announced for a tool-search step; tools without a schema are
                // Anthropic server tools (web search and the like) that no OpenAI upstream can run.
                if (schema == null || !schema.isObject() || t.path("defer_loading").asBoolean(false)) {
                    continue;
                }
                ObjectNode params = schema.deepCopy();
                params.remove("$schema");
                ObjectNode fn = outTools.addObject().put("type", "function").putObject("function");
                fn.put("name", t.path("name").asText(""));
                if (t.hasNonNull("description")) {
                    fn.put("description", t.get("description").asText());
                }
                fn.set("parameters", params);
            }
        }
        if (outTools.isEmpty()) {
            return;
        }
        out.set("tools", outTools);
        JsonNode choice = request.get("tool_choice");
        if (choice == null || !choice.isObject()) {
            return;
        }
        switch (choice.path("type").asText()) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function")
                    .putObject("function").put("name", choice.path("name").asText(""));
            default -> {
            }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }
}
