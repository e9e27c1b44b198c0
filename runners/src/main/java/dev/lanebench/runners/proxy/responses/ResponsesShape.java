package dev.lanebench.runners.proxy.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.ChatUsage;
import dev.lanebench.runners.proxy.chat.Ids;
import dev.lanebench.runners.proxy.chat.Reasoning;
import dev.lanebench.runners.proxy.chat.ToolCall;
import dev.lanebench.runners.proxy.chat.ToolTable;
import dev.lanebench.runners.proxy.http.ProxyError;
import dev.lanebench.runners.upstream.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The pieces of a Responses API answer that streamed and whole answers, and errors, make the same way: the
 * response object, its output items, usage and error bodies.
 */
final class ResponsesShape {
    private ResponsesShape() {
    }

    static String newId(String prefix) {
        return Ids.next(prefix);
    }

    /**
     * The response object. {@code previous_response_id} is left out rather than sent as null: the proxy stores
     * no responses, and some clients treat a present null as a reference.
     */
    static ObjectNode response(String id, String model, long createdAt, String status) {
        ObjectNode r = WireJson.MAPPER.createObjectNode();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        r.put("model", model);
        r.putArray("output");
        r.putNull("error");
        r.putNull("incomplete_details");
        return r;
    }

    /** How the answer ended: completed, or incomplete (cut at the output limit, stopped by a content filter). */
    static String status(String finishReason, boolean calledTools) {
        if (!calledTools && ("length".equals(finishReason) || "content_filter".equals(finishReason))) {
            return "incomplete";
        }
        return "completed";
    }

    /** Fills {@code incomplete_details} for an incomplete answer. */
    static void incomplete(ObjectNode response, String finishReason) {
        response.putObject("incomplete_details")
                .put("reason", "content_filter".equals(finishReason) ? "content_filter" : "max_output_tokens");
    }

    /** Usage as the Responses API reports it: input includes cached tokens. */
    static ObjectNode usage(ChatUsage u) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("input_tokens", u.prompt());
        o.putObject("input_tokens_details").put("cached_tokens", u.cached()).put("cache_write_tokens", u.cacheWrites());
        o.put("output_tokens", u.completion());
        o.putObject("output_tokens_details").put("reasoning_tokens", u.reasoning());
        o.put("total_tokens", u.prompt() + u.completion());
        return o;
    }

    static ObjectNode reasoningItem(String id, String field, String text) {
        ObjectNode item = WireJson.MAPPER.createObjectNode();
        item.put("type", "reasoning");
        item.put("id", id);
        item.putArray("summary");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.addObject().put("type", "reasoning_text").put("text", text);
            item.put("encrypted_content", encryptedContent(field, text));
        }
        return item;
    }

    /**
     * The opaque {@code encrypted_content} of a reasoning item made here: the upstream field and the text, so
     * the reasoning can go back upstream next turn exactly as it came (see {@link Reasoning}).
     */
    static String encryptedContent(String field, String text) {
        return Reasoning.marker(field) + ":" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The reasoning carried by an {@code encrypted_content} made here, or null for anyone else's. */
    static Reasoning fromEncryptedContent(String encrypted) {
        String field = Reasoning.fieldOfMarker(encrypted);
        if (field == null) {
            return null;
        }
        String payload = encrypted.substring(Reasoning.marker(field).length());
        if (!payload.startsWith(":")) {
            return null;
        }
        try {
            return new Reasoning(field, new String(Base64.getDecoder().decode(payload.substring(1)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static ObjectNode messageItem(String id, String status) {
        ObjectNode item = WireJson.MAPPER.createObjectNode();
        item.put("type", "message");
        item.put("id", id);
        item.put("status", status);
        item.put("role", "assistant");
        item.putArray("content");
        return item;
    }

    static ObjectNode textPart(String text) {
        ObjectNode p = WireJson.MAPPER.createObjectNode();
        p.put("type", "output_text");
        p.put("text", text);
        p.putArray("annotations");
        return p;
    }

    static ObjectNode refusalPart(String text) {
        return WireJson.MAPPER.createObjectNode().put("type", "refusal").put("refusal", text);
    }

    /**
     * A tool call as the client declared the tool: a {@code function_call} with JSON arguments, or a
     * {@code custom_tool_call} with the free text the model put in the function's one parameter; a namespaced
     * tool carries its namespace.
     *
     * @param complete false for the {@code output_item.added} form (arguments or input still empty)
     */
    static ObjectNode callItem(String id, ToolCall call, ToolTable.ClientTool tool, boolean complete) {
        ObjectNode item = WireJson.MAPPER.createObjectNode();
        boolean custom = tool.kind() == ToolTable.Kind.CUSTOM;
        item.put("type", custom ? "custom_tool_call" : "function_call");
        item.put("id", id);
        item.put("call_id", call.id());
        item.put("name", tool.name());
        if (tool.namespace() != null) {
            item.put("namespace", tool.namespace());
        }
        if (custom) {
            item.put("input", complete ? customInput(call.arguments()) : "");
        } else {
            item.put("arguments", complete ? functionArguments(call.arguments()) : "");
        }
        item.put("status", complete ? "completed" : "in_progress");
        return item;
    }

    /** The arguments a function call carries: the model's, or an empty object when it sent none. */
    static String functionArguments(String arguments) {
        return arguments == null || arguments.isBlank() ? "{}" : arguments;
    }

    /**
     * The free text of a custom tool call: the function's {@value ToolTable#CUSTOM_INPUT} parameter, else the
     * arguments as they are (a model that wrote the text itself instead of a JSON object).
     */
    static String customInput(String arguments) {
        try {
            JsonNode n = WireJson.MAPPER.readTree(arguments);
            if (n != null && n.path(ToolTable.CUSTOM_INPUT).isTextual()) {
                return n.get(ToolTable.CUSTOM_INPUT).asText();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: the text itself
        }
        return arguments;
    }

    /** {@code {"error":{message,type,code,param}}}, the OpenAI error body. */
    static ObjectNode error(ProxyError e) {
        ObjectNode b = WireJson.MAPPER.createObjectNode();
        ObjectNode err = b.putObject("error");
        err.put("message", e.message());
        err.put("type", errorType(e.kind()));
        err.put("code", errorCode(e.kind()));
        err.putNull("param");
        return b;
    }

    static String errorType(ProxyError.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, CONTEXT_TOO_LONG, TOO_LARGE, NOT_FOUND -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case RATE_LIMIT -> "rate_limit_error";
            case OVERLOADED, API_ERROR -> "server_error";
        };
    }

    /** The code clients decide on: context_length_exceeded is final, rate_limit_exceeded and server errors retry. */
    static String errorCode(ProxyError.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request";
            case CONTEXT_TOO_LONG -> "context_length_exceeded";
            case TOO_LARGE -> "request_too_large";
            case NOT_FOUND -> "not_found";
            case AUTHENTICATION -> "invalid_api_key";
            case PERMISSION -> "permission_denied";
            case RATE_LIMIT -> "rate_limit_exceeded";
            case OVERLOADED -> "server_is_overloaded";
            case API_ERROR -> "server_error";
        };
    }
}
