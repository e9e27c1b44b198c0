package dev.lanebench.runners.proxy.responses;

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
 * Turns a Responses API request (as the codex CLI sends it) into an OpenAI chat-completions request. The whole
 * conversation travels in every request ({@code store: false}); the proxy keeps nothing between requests.
 *
 * <p>Instructions and developer or system messages join one leading system message; a user message becomes a
 * user message; an assistant message, the function and custom tool calls after it and earlier reasoning become
 * one assistant message; call outputs become tool messages right after it. Tools: functions as they are,
 * free-form (custom) tools as functions with one string parameter, namespaced tools flattened (see
 * {@link ToolTable}); hosted tools (web search and the like) that no chat upstream can run are left out.
 *
 * @param body  the chat-completions request
 * @param tools the request's tools, to give the answer's calls their client form back
 */
public record ResponsesRequest(ObjectNode body, ToolTable tools) {

    /**
     * @throws InvalidRequestException when the body is not a request the proxy can serve, naming the field
     */
    public static ResponsesRequest toChat(JsonNode request, TargetModel target) {
        validate(request);
        ObjectNode out = WireJson.MAPPER.createObjectNode();
        out.put("model", target.id());

        Conversation conv = new Conversation(target);
        JsonNode instructions = request.get("instructions");
        if (instructions != null && instructions.isTextual()) {
            ChatParts.appendParagraph(conv.system, instructions.asText());
        }
        JsonNode input = request.get("input");
        if (input.isTextual()) {
            conv.user(List.of(ChatParts.text(input.asText())));
        } else {
            for (int i = 0; i < input.size(); i++) {
                conv.item(input.get(i), "input." + i);
            }
        }
        ArrayNode messages = out.putArray("messages");
        ObjectNode sys = ChatParts.systemMessage(conv.system);
        if (sys != null) {
            messages.add(sys);
        }
        ToolResultOrder.apply(conv.messages()).forEach(messages::add);

        ToolTable tools = addTools(request, out);
        JsonNode max = request.get("max_output_tokens");
        Integer maxTokens = target.maxTokens(max == null || max.isNull() ? null : max.asInt());
        if (maxTokens != null) {
            out.put("max_tokens", maxTokens);
        }
        ChatRequest.copyNumbers(request, out, "temperature", "top_p");
        ChatRequest.effort(out, reasoningEffort(request.path("reasoning").path("effort").asText(null)), target);
        responseFormat(request.path("text").path("format"), out);
        ChatRequest.user(out, request.get("user"), request.get("safety_identifier"));
        ChatRequest.stream(request, out);
        return new ResponsesRequest(out, tools);
    }

    static void validate(JsonNode request) {
        ChatRequest.checkObjectWithModel(request);
        JsonNode prev = request.get("previous_response_id");
        if (prev != null && !prev.isNull()) {
            throw InvalidRequestException.field("previous_response_id", "not supported: the lanebench proxy stores no "
                    + "responses; send the whole conversation (store: false)");
        }
        JsonNode input = request.get("input");
        if (input == null || !(input.isTextual() || input.isArray())) {
            throw InvalidRequestException.field("input", input == null ? "Field required" : "Input should be a string or a list of items");
        }
        for (int i = 0; input.isArray() && i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (!item.isObject()) {
                throw InvalidRequestException.field("input." + i, "Input should be an object");
            }
            JsonNode content = item.get("content");
            if (isMessage(item) && (content == null || !(content.isTextual() || content.isArray()))) {
                throw InvalidRequestException.field("input." + i + ".content",
                        content == null ? "Field required" : "Input should be a string or a list of content parts");
            }
        }
        ChatRequest.checkList(request, "tools");
        ChatRequest.checkPositiveInt(request, "max_output_tokens");
        ChatRequest.checkNumbers(request, "temperature", "top_p");
        JsonNode instructions = request.get("instructions");
        if (instructions != null && !instructions.isNull() && !instructions.isTextual()) {
            throw InvalidRequestException.field("instructions", "Input should be a valid string");
        }
    }

    private static boolean isMessage(JsonNode item) {
        String type = item.path("type").asText("");
        return type.equals("message") || (type.isEmpty() && item.has("role"));
    }

    /** Chat reasoning efforts are low, medium and high; the Responses API has a few more words for them. */
    static String reasoningEffort(String effort) {
        if (effort == null) {
            return null;
        }
        return switch (effort) {
            case "minimal", "low" -> "low";
            case "medium" -> "medium";
            case "high", "xhigh" -> "high";
            default -> null;
        };
    }

    private static void responseFormat(JsonNode format, ObjectNode out) {
        switch (format.path("type").asText("")) {
            case "json_schema" -> {
                ObjectNode js = out.putObject("response_format").put("type", "json_schema").putObject("json_schema");
                js.put("name", format.path("name").asText("response"));
                if (format.has("schema")) {
                    js.set("schema", JsonSchemas.clean(format.get("schema")));
                }
                if (format.has("strict")) {
                    js.set("strict", format.get("strict"));
                }
            }
            case "json_object" -> out.putObject("response_format").put("type", "json_object");
            default -> {
            }
        }
    }

    private static ToolTable addTools(JsonNode request, ObjectNode out) {
        ToolTable table = new ToolTable();
        ArrayNode outTools = WireJson.MAPPER.createArrayNode();
        for (JsonNode t : request.path("tools")) {
            if ("namespace".equals(t.path("type").asText())) {
                for (JsonNode inner : t.path("tools")) {
                    addTool(t.path("name").asText(""), inner, table, outTools);
                }
            } else {
                addTool(null, t, table, outTools);
            }
        }
        if (outTools.isEmpty()) {
            // tool_choice and parallel_tool_calls without tools are rejected by some upstreams: both stay out.
            return table;
        }
        out.set("tools", outTools);
        JsonNode choice = request.get("tool_choice");
        if (choice != null && choice.isTextual() && List.of("auto", "none", "required").contains(choice.asText())) {
            out.put("tool_choice", choice.asText());
        } else if (choice != null && choice.isObject() && choice.path("name").isTextual()
                && List.of("function", "custom").contains(choice.path("type").asText())) {
            out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", ToolTable.upstreamName(null, choice.get("name").asText()));
        }
        JsonNode parallel = request.get("parallel_tool_calls");
        if (parallel != null && parallel.isBoolean()) {
            out.put("parallel_tool_calls", parallel.asBoolean());
        }
        return table;
    }

    private static void addTool(String namespace, JsonNode t, ToolTable table, ArrayNode outTools) {
        String type = t.path("type").asText();
        String name = t.path("name").asText("");
        if (name.isEmpty() || !(type.equals("function") || type.equals("custom"))) {
            return;
        }
        ObjectNode fn = outTools.addObject().put("type", "function").putObject("function");
        if (type.equals("function")) {
            fn.put("name", table.add(namespace, name, ToolTable.Kind.FUNCTION));
            if (t.hasNonNull("description")) {
                fn.put("description", t.get("description").asText());
            }
            JsonNode params = t.get("parameters");
            fn.set("parameters", params != null && params.isObject() ? JsonSchemas.clean(params)
                    : WireJson.MAPPER.createObjectNode().put("type", "object").set("properties",
                            WireJson.MAPPER.createObjectNode()));
            return;
        }
        fn.put("name", table.add(namespace, name, ToolTable.Kind.CUSTOM));
        fn.put("description", customDescription(t));
        ObjectNode params = fn.putObject("parameters").put("type", "object");
        params.putObject("properties").putObject(ToolTable.CUSTOM_INPUT).put("type", "string")
                .put("description", "The tool's input as plain text in the format described above (not JSON).");
        params.putArray("required").add(ToolTable.CUSTOM_INPUT);
        params.put("additionalProperties", false);
    }

    /** A free-form tool's description, with its input grammar, since the function's one parameter is free text. */
    private static String customDescription(JsonNode t) {
        StringBuilder d = new StringBuilder(t.path("description").asText(""));
        JsonNode format = t.path("format");
        if ("grammar".equals(format.path("type").asText()) && format.path("definition").isTextual()) {
            ChatParts.appendParagraph(d, "Put the whole input, as plain text, in the `" + ToolTable.CUSTOM_INPUT
                    + "` parameter. It must follow this " + format.path("syntax").asText("") + " grammar:\n"
                    + format.get("definition").asText());
        } else {
            ChatParts.appendParagraph(d, "Put the whole input, as plain text, in the `" + ToolTable.CUSTOM_INPUT
                    + "` parameter.");
        }
        return d.toString();
    }

    /** The chat messages being built from the input items, and the state that spans items. */
    private static final class Conversation {
        final StringBuilder system = new StringBuilder();
        private final List<ObjectNode> messages = new ArrayList<>();
        private final TargetModel target;
        /** The assistant message that calls made right after it still join. */
        private ObjectNode assistant;
        /** Reasoning from this proxy waiting for the assistant message it belongs to. */
        private Reasoning reasoning;
        /** Images and files from call outputs, sent as one user message after the tool messages. */
        private final List<ObjectNode> media = new ArrayList<>();

        Conversation(TargetModel target) {
            this.target = target;
        }

        void item(JsonNode item, String at) {
            String type = isMessage(item) ? "message" : item.path("type").asText("");
            switch (type) {
                case "message" -> message(item, at);
                case "function_call" -> call(item.path("call_id").asText(""),
                        ToolTable.upstreamName(item.path("namespace").asText(null), item.path("name").asText("")),
                        item.path("arguments").asText("{}"));
                case "custom_tool_call" -> {
                    ObjectNode args = WireJson.MAPPER.createObjectNode().put(ToolTable.CUSTOM_INPUT, item.path("input").asText(""));
                    call(item.path("call_id").asText(""),
                            ToolTable.upstreamName(item.path("namespace").asText(null), item.path("name").asText("")),
                            args.toString());
                }
                case "function_call_output", "custom_tool_call_output" -> output(item, at);
                case "reasoning" -> {
                    // Reasoning made here goes back upstream as it came; anyone else's (opaque, encrypted) is
                    // dropped, never forwarded or altered.
                    Reasoning r = ResponsesShape.fromEncryptedContent(item.path("encrypted_content").asText(null));
                    if (r != null && target.echoReasoning()) {
                        reasoning = r;
                    }
                }
                default -> {
                    // Hosted-tool calls (web search, file search), item references and compaction items mean
                    // nothing to a chat upstream.
                }
            }
        }

        private void message(JsonNode item, String at) {
            String role = item.path("role").asText("user");
            JsonNode content = item.get("content");
            switch (role) {
                case "system", "developer" -> ChatParts.appendParagraph(system, text(content));
                case "assistant" -> {
                    endTurnParts();
                    assistant = WireJson.MAPPER.createObjectNode().put("role", "assistant");
                    assistant.put("content", text(content));
                    attachReasoning();
                    messages.add(assistant);
                }
                default -> {
                    List<ObjectNode> parts = new ArrayList<>();
                    if (content.isTextual()) {
                        parts.add(ChatParts.text(content.asText()));
                    } else {
                        for (int i = 0; i < content.size(); i++) {
                            part(content.get(i), parts, at + ".content." + i);
                        }
                    }
                    user(parts);
                }
            }
        }

        void user(List<ObjectNode> parts) {
            endTurnParts();
            if (!parts.isEmpty()) {
                messages.add(ChatParts.userMessage(parts));
            }
        }

        private void call(String callId, String upstreamName, String arguments) {
            if (assistant == null) {
                endTurnParts();
                assistant = WireJson.MAPPER.createObjectNode().put("role", "assistant");
                assistant.putNull("content");
                attachReasoning();
                messages.add(assistant);
            }
            JsonNode calls = assistant.get("tool_calls");
            ArrayNode list = calls instanceof ArrayNode a ? a : assistant.putArray("tool_calls");
            list.add(ChatParts.toolCall(callId, upstreamName, arguments));
        }

        private void output(JsonNode item, String at) {
            assistant = null;
            JsonNode output = item.get("output");
            StringBuilder text = new StringBuilder();
            if (output != null && output.isTextual()) {
                text.append(output.asText());
            } else if (output != null && output.isArray()) {
                for (int i = 0; i < output.size(); i++) {
                    JsonNode part = output.get(i);
                    String type = part.path("type").asText();
                    if (type.equals("input_text") || type.equals("output_text")) {
                        if (text.length() > 0) {
                            text.append('\n');
                        }
                        text.append(part.path("text").asText(""));
                    } else {
                        // A tool message holds a string only: images and files ride in a user message after it.
                        part(part, media, at + ".output." + i);
                    }
                }
            }
            messages.add(ChatParts.toolMessage(item.path("call_id").asText(""), text.toString()));
        }

        private void part(JsonNode part, List<ObjectNode> into, String at) {
            switch (part.path("type").asText()) {
                case "input_text", "output_text" -> into.add(ChatParts.text(part.path("text").asText("")));
                case "input_image" -> {
                    JsonNode url = part.get("image_url");
                    if (url != null && url.isTextual()) {
                        into.add(ChatParts.imageUrl(url.asText()));
                    }
                }
                case "input_file" -> {
                    String data = part.path("file_data").asText("");
                    String filename = part.path("filename").asText("document.pdf");
                    if (data.isEmpty()) {
                        data = part.path("file_url").asText("");
                    }
                    if (!data.isEmpty()) {
                        String uri = data.startsWith("data:") || data.startsWith("http") ? data
                                : "data:application/pdf;base64," + data;
                        into.add(ChatParts.pdf(uri, filename, target, at));
                    }
                }
                default -> {
                }
            }
        }

        /** Closes the assistant turn: later calls start a new assistant message; pending media go out. */
        private void endTurnParts() {
            assistant = null;
            if (!media.isEmpty()) {
                messages.add(ChatParts.userMessage(new ArrayList<>(media)));
                media.clear();
            }
        }

        private void attachReasoning() {
            if (reasoning != null) {
                assistant.put(reasoning.field(), reasoning.text());
                reasoning = null;
            }
        }

        List<ObjectNode> messages() {
            endTurnParts();
            return messages;
        }

        private static String text(JsonNode content) {
            if (content == null || content.isNull()) {
                return "";
            }
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                String type = part.path("type").asText();
                String t = type.equals("refusal") ? part.path("refusal").asText("") : part.path("text").asText("");
                if (!t.isEmpty()) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(t);
                }
            }
            return sb.toString();
        }
    }
}
