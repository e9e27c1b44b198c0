package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.ChatParts;
import dev.lanebench.runners.proxy.chat.ChatRequest;
import dev.lanebench.runners.proxy.chat.InvalidRequestException;
import dev.lanebench.runners.proxy.chat.JsonSchemas;
import dev.lanebench.runners.proxy.chat.Reasoning;
import dev.lanebench.runners.proxy.chat.TargetModel;
import dev.lanebench.runners.proxy.chat.ToolResultOrder;
import dev.lanebench.runners.proxy.chat.ToolTable;
import dev.lanebench.runners.upstream.WireJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an Anthropic Messages request (as the claude CLI sends it) into an OpenAI chat-completions request,
 * after checking it the way the real API does. Everything the upstream has no use for is left out rather than
 * forwarded, which is what litellm's {@code drop_params: true} does in the seed recipe.
 *
 * @param body  the chat-completions request
 * @param tools the request's tools, to map the answer's tool names back
 */
public record MessagesRequest(ObjectNode body, ToolTable tools) {
    static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header";

    /**
     * @param request the Anthropic request body
     * @param target  the model it goes to (its id replaces what the client asked for)
     * @throws InvalidRequestException when the body is not a valid Messages request, naming the field
     */
    public static MessagesRequest toChat(JsonNode request, TargetModel target) {
        validate(request);
        ObjectNode out = WireJson.MAPPER.createObjectNode();
        out.put("model", target.id());

        StringBuilder system = new StringBuilder(systemText(request.get("system")));
        List<ObjectNode> conversation = new ArrayList<>();
        JsonNode messages = request.get("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String at = "messages." + i + ".content";
            switch (m.path("role").asText("")) {
                // Many chat templates reject a system message after the first position, so a mid-conversation
                // system message joins the leading one, after what was there (keeping the cached prefix).
                case "system" -> ChatParts.appendParagraph(system, plainText(m.get("content")));
                case "user" -> addUser(m.get("content"), conversation, target, at);
                default -> addAssistant(m.get("content"), conversation, target.echoReasoning());
            }
        }
        ArrayNode outMessages = out.putArray("messages");
        ObjectNode sys = ChatParts.systemMessage(system);
        if (sys != null) {
            outMessages.add(sys);
        }
        ToolResultOrder.apply(conversation).forEach(outMessages::add);

        ToolTable tools = addTools(request, out);
        Integer maxTokens = target.maxTokens(request.get("max_tokens").asInt());
        if (maxTokens != null) {
            out.put("max_tokens", maxTokens);
        }
        ChatRequest.copyNumbers(request, out, "temperature", "top_p");
        JsonNode stops = request.get("stop_sequences");
        if (stops != null && stops.isArray() && !stops.isEmpty()) {
            out.set("stop", stops.deepCopy());
        }
        ChatRequest.effort(out, reasoningEffort(request.get("thinking")), target);
        ChatRequest.user(out, request.path("metadata").get("user_id"));
        ChatRequest.stream(request, out);
        return new MessagesRequest(out, tools);
    }

    /** The checks the real API makes that an upstream would not (or would answer less clearly). */
    static void validate(JsonNode request) {
        ChatRequest.checkObjectWithModel(request);
        if (request.get("max_tokens") == null) {
            throw InvalidRequestException.field("max_tokens", "Field required");
        }
        ChatRequest.checkPositiveInt(request, "max_tokens");
        JsonNode messages = request.get("messages");
        if (messages == null) {
            throw InvalidRequestException.field("messages", "Field required");
        }
        if (!messages.isArray()) {
            throw InvalidRequestException.field("messages", "Input should be a valid list");
        }
        if (messages.isEmpty()) {
            throw InvalidRequestException.field("messages", "at least one message is required");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw InvalidRequestException.field("messages." + i, "Input should be an object");
            }
            String role = m.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant") && !role.equals("system")) {
                throw InvalidRequestException.field("messages." + i + ".role",
                        "Input should be 'user' or 'assistant', got '" + m.path("role").asText("") + "'");
            }
            JsonNode content = m.get("content");
            if (content == null || !(content.isTextual() || content.isArray())) {
                throw InvalidRequestException.field("messages." + i + ".content",
                        content == null ? "Field required" : "Input should be a valid string or list of content blocks");
            }
            for (int b = 0; content.isArray() && b < content.size(); b++) {
                if (!content.get(b).isObject() || !content.get(b).path("type").isTextual()) {
                    throw InvalidRequestException.field("messages." + i + ".content." + b,
                            "Input should be a content block with a type");
                }
            }
        }
        JsonNode system = request.get("system");
        if (system != null && !system.isNull() && !system.isTextual() && !system.isArray()) {
            throw InvalidRequestException.field("system", "Input should be a valid string or list of text blocks");
        }
        ChatRequest.checkList(request, "tools");
        JsonNode tools = request.get("tools");
        for (int t = 0; tools != null && tools.isArray() && t < tools.size(); t++) {
            if (!tools.get(t).path("name").isTextual()) {
                throw InvalidRequestException.field("tools." + t + ".name", "Field required");
            }
        }
        ChatRequest.checkNumbers(request, "temperature", "top_p", "top_k");
        ChatRequest.checkList(request, "stop_sequences");
        JsonNode choice = request.get("tool_choice");
        if (choice != null && !choice.isNull() && !choice.isObject()) {
            throw InvalidRequestException.field("tool_choice", "Input should be an object");
        }
    }

    /**
     * A thinking budget as an effort level. The thresholds follow how clients size budgets: a few thousand
     * tokens is a light think, tens of thousands a deep one.
     */
    static String reasoningEffort(JsonNode thinking) {
        if (thinking == null || !"enabled".equals(thinking.path("type").asText())) {
            return null;
        }
        int budget = thinking.path("budget_tokens").asInt(0);
        return budget < 4096 ? "low" : budget < 16384 ? "medium" : "high";
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
            ChatParts.appendParagraph(sb, text);
        }
        return sb.toString();
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
    private static void addUser(JsonNode content, List<ObjectNode> out, TargetModel target, String at) {
        if (content.isTextual()) {
            out.add(ChatParts.userMessage(List.of(ChatParts.text(content.asText()))));
            return;
        }
        List<ObjectNode> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            switch (block.path("type").asText()) {
                case "text" -> parts.add(ChatParts.text(block.path("text").asText("")));
                case "tool_result" -> out.add(toolMessage(block, parts, target, at + "." + i));
                default -> media(block, parts, target, at + "." + i);
            }
        }
        if (!parts.isEmpty()) {
            out.add(ChatParts.userMessage(parts));
        }
    }

    /**
     * An image or document block as a chat part. Server-tool results and other Anthropic-only blocks mean
     * nothing to an OpenAI upstream and are left out.
     */
    private static void media(JsonNode block, List<ObjectNode> parts, TargetModel target, String at) {
        JsonNode source = block.path("source");
        String sourceType = source.path("type").asText();
        switch (block.path("type").asText()) {
            case "image" -> {
                if ("base64".equals(sourceType)) {
                    parts.add(ChatParts.imageUrl("data:" + source.path("media_type").asText("image/png") + ";base64,"
                            + source.path("data").asText("")));
                } else if ("url".equals(sourceType)) {
                    parts.add(ChatParts.imageUrl(source.path("url").asText("")));
                }
            }
            case "document" -> {
                if ("text".equals(sourceType)) {
                    parts.add(ChatParts.text(source.path("data").asText("")));
                } else if ("base64".equals(sourceType) || "url".equals(sourceType)) {
                    String uri = "base64".equals(sourceType)
                            ? "data:" + source.path("media_type").asText("application/pdf") + ";base64," + source.path("data").asText("")
                            : source.path("url").asText("");
                    parts.add(ChatParts.pdf(uri, block.path("title").asText(null), target, at));
                }
            }
            default -> {
            }
        }
    }

    private static ObjectNode toolMessage(JsonNode block, List<ObjectNode> mediaOut, TargetModel target, String at) {
        JsonNode c = block.get("content");
        StringBuilder text = new StringBuilder();
        if (c != null && c.isTextual()) {
            text.append(c.asText());
        } else if (c != null && c.isArray()) {
            for (int i = 0; i < c.size(); i++) {
                JsonNode part = c.get(i);
                if ("text".equals(part.path("type").asText())) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(part.path("text").asText(""));
                } else {
                    // A tool message holds a string only, so images and documents ride in the user message that
                    // follows the tool messages.
                    media(part, mediaOut, target, at + ".content." + i);
                }
            }
        }
        String body = text.toString();
        if (block.path("is_error").asBoolean(false)) {
            body = "Error: " + body;
        }
        return ChatParts.toolMessage(block.path("tool_use_id").asText(""), body);
    }

    private static void addAssistant(JsonNode content, List<ObjectNode> out, boolean echoReasoning) {
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "assistant");
        if (content.isTextual()) {
            m.put("content", content.asText());
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
                    JsonNode input = block.get("input");
                    calls.add(ChatParts.toolCall(block.path("id").asText(""),
                            ToolTable.upstreamName(null, block.path("name").asText("")),
                            input == null || input.isNull() ? "{}" : input.toString()));
                }
                case "thinking" -> {
                    String field = Reasoning.fieldOfMarker(block.path("signature").asText(null));
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

    private static ToolTable addTools(JsonNode request, ObjectNode out) {
        ToolTable table = new ToolTable();
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
                ObjectNode fn = outTools.addObject().put("type", "function").putObject("function");
                fn.put("name", table.add(null, t.path("name").asText(""), ToolTable.Kind.FUNCTION));
                if (t.hasNonNull("description")) {
                    fn.put("description", t.get("description").asText());
                }
                fn.set("parameters", JsonSchemas.clean(schema));
            }
        }
        if (outTools.isEmpty()) {
            // tool_choice and parallel_tool_calls without tools are rejected by some upstreams: both stay out.
            return table;
        }
        out.set("tools", outTools);
        JsonNode choice = request.get("tool_choice");
        if (choice == null || !choice.isObject()) {
            return table;
        }
        switch (choice.path("type").asText()) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function")
                    .putObject("function").put("name", ToolTable.upstreamName(null, choice.path("name").asText("")));
            default -> {
            }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
        return table;
    }
}
