package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The checks and fields both fronts' requests have alike: a JSON object naming a model, numbers that must be
 * numbers, lists that must be lists; and, on the chat request, the sampling numbers, the reasoning effort (only
 * for a model that takes one), the user and streaming with usage.
 */
public final class ChatRequest {
    private ChatRequest() {
    }

    /** A JSON object with a string {@code model}. */
    public static void checkObjectWithModel(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new InvalidRequestException("request body must be a JSON object");
        }
        JsonNode model = request.get("model");
        if (model == null || !model.isTextual()) {
            throw InvalidRequestException.field("model", model == null ? "Field required" : "Input should be a valid string");
        }
    }

    /** Each named field, when present and not null, is a number. */
    public static void checkNumbers(JsonNode request, String... names) {
        for (String n : names) {
            JsonNode v = request.get(n);
            if (v != null && !v.isNull() && !v.isNumber()) {
                throw InvalidRequestException.field(n, "Input should be a valid number");
            }
        }
    }

    /** The named field, when present and not null, is a list. */
    public static void checkList(JsonNode request, String name) {
        JsonNode v = request.get(name);
        if (v != null && !v.isNull() && !v.isArray()) {
            throw InvalidRequestException.field(name, "Input should be a valid list");
        }
    }

    /** The named field, when present and not null, is a positive integer. */
    public static void checkPositiveInt(JsonNode request, String name) {
        JsonNode v = request.get(name);
        if (v != null && !v.isNull() && (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1)) {
            throw InvalidRequestException.field(name, "Input should be a positive integer");
        }
    }

    /** Copies the numbers among the named fields (temperature, top_p). */
    public static void copyNumbers(JsonNode from, ObjectNode to, String... names) {
        for (String n : names) {
            JsonNode v = from.get(n);
            if (v != null && v.isNumber()) {
                to.set(n, v);
            }
        }
    }

    /** Sets {@code reasoning_effort} when there is one and the model takes it; no other model is sent it. */
    public static void effort(ObjectNode out, String effort, TargetModel target) {
        if (effort != null && target.reasoningEffort()) {
            out.put("reasoning_effort", effort);
        }
    }

    /** Sets {@code user} from the first non-empty string given. */
    public static void user(ObjectNode out, JsonNode... candidates) {
        for (JsonNode c : candidates) {
            if (c != null && c.isTextual() && !c.asText().isEmpty()) {
                out.put("user", c.asText());
                return;
            }
        }
    }

    /** A streamed request asks for usage in its last chunk, which is where every call's tokens come from. */
    public static void stream(JsonNode request, ObjectNode out) {
        if (request.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
    }
}
