package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;
import java.util.UUID;

/** The pieces of an Anthropic response that streamed and whole answers compute the same way. */
final class ResponseParts {
    private ResponseParts() {
    }

    /**
     * OpenAI finish_reason to Anthropic stop_reason. A response that carries tool calls is a tool_use stop
     * whatever the upstream says (some report "stop"), else the CLI would end the turn without running them.
     */
    static String stopReason(String finishReason, boolean hasToolUse) {
        if ("length".equals(finishReason)) {
            return "max_tokens";
        }
        if (hasToolUse) {
            return "tool_use";
        }
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /**
     * OpenAI usage to Anthropic usage: prompt tokens split into uncached and cache-read, completion tokens as
     * output. A missing usage reads as zeros, which is what the CLI expects to find.
     */
    static ObjectNode usage(JsonNode openAiUsage) {
        long prompt = openAiUsage == null ? 0 : openAiUsage.path("prompt_tokens").asLong(0);
        long completion = openAiUsage == null ? 0 : openAiUsage.path("completion_tokens").asLong(0);
        long cached = openAiUsage == null ? 0 : openAiUsage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        ObjectNode u = WireJson.MAPPER.createObjectNode();
        u.put("input_tokens", Math.max(0, prompt - cached));
        u.put("cache_creation_input_tokens", 0);
        u.put("cache_read_input_tokens", cached);
        u.put("output_tokens", completion);
        return u;
    }

    /** An Anthropic-looking message id; the upstream's id is kept inside it for tracing. */
    static String messageId(JsonNode openAi) {
        String id = openAi == null ? "" : openAi.path("id").asText("");
        String safe = id.replaceAll("[^A-Za-z0-9_-]", "");
        return "msg_" + (safe.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : safe);
    }

    /** A tool_use id; an upstream that sends none gets one made up, so the tool_result can still refer to it. */
    static String toolUseId(String upstreamId) {
        return upstreamId == null || upstreamId.isEmpty()
                ? "toolu_" + UUID.randomUUID().toString().replace("-", "") : upstreamId;
    }

    /**
     * Tool-call arguments as the JSON object Anthropic's tool_use.input must be. Unparseable arguments are
     * kept under a key of their own so the CLI's schema check tells the model what went wrong.
     */
    static JsonNode toolInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return WireJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode parsed = WireJson.MAPPER.readTree(arguments);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("invalid_json_arguments", arguments);
        return o;
    }
}
