package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.ChatUsage;
import dev.lanebench.runners.proxy.chat.Ids;
import dev.lanebench.runners.proxy.http.ProxyError;
import dev.lanebench.runners.upstream.WireJson;

/** The pieces of an Anthropic Messages answer that streamed and whole answers, and errors, make the same way. */
final class AnthropicShape {
    private AnthropicShape() {
    }

    /**
     * The stop reason. An answer that called tools is a tool_use stop whatever the upstream says (some report
     * "stop", some "length" after a long call), else the CLI would end the turn without running them; a refusal
     * says so, with its text in the answer.
     */
    static String stopReason(String finishReason, boolean calledTools, boolean refused) {
        if (calledTools) {
            return "tool_use";
        }
        if (refused) {
            return "refusal";
        }
        return "length".equals(finishReason) ? "max_tokens" : "end_turn";
    }

    /**
     * Usage as the CLI reads it: prompt tokens split into uncached, cache-written and cache-read, completion
     * tokens as output.
     */
    static ObjectNode usage(ChatUsage u) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("input_tokens", u.uncached());
        o.put("cache_creation_input_tokens", u.cacheWrites());
        o.put("cache_read_input_tokens", u.cached());
        o.put("output_tokens", u.completion());
        return o;
    }

    /** An Anthropic-looking message id; the upstream's id is kept inside it for tracing. */
    static String messageId(String upstreamId) {
        StringBuilder safe = new StringBuilder("msg_");
        for (int i = 0; upstreamId != null && i < upstreamId.length(); i++) {
            char c = upstreamId.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                safe.append(c);
            }
        }
        return safe.length() > 4 ? safe.toString() : Ids.next("msg_");
    }

    /**
     * Tool-call arguments as the JSON object Anthropic's tool_use.input must be. Unparseable arguments are kept
     * under a key of their own so the CLI's schema check tells the model what went wrong.
     */
    static ObjectNode toolInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return WireJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode parsed = WireJson.MAPPER.readTree(arguments);
            if (parsed instanceof ObjectNode o) {
                return o;
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("invalid_json_arguments", arguments);
        return o;
    }

    /** {@code {"type":"error","error":{type,message}}}. */
    static ObjectNode error(ProxyError e) {
        ObjectNode b = WireJson.MAPPER.createObjectNode();
        b.put("type", "error");
        b.putObject("error").put("type", errorType(e.kind())).put("message", e.message());
        return b;
    }

    static String errorType(ProxyError.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, CONTEXT_TOO_LONG -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case TOO_LARGE -> "request_too_large";
            case RATE_LIMIT -> "rate_limit_error";
            case OVERLOADED -> "overloaded_error";
            case API_ERROR -> "api_error";
        };
    }
}
