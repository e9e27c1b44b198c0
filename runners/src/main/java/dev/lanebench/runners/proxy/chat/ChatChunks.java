package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.upstream.ToolCallFragments;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a streamed chat completion chunk by chunk for either front: reasoning, text and refusal fragments go to
 * the listener as they arrive (nothing is held back); tool calls are joined and handed over whole at the end,
 * when they are known to be complete (an upstream may send a call's arguments last, or number every call 0).
 * Not thread-safe: one stream's chunks arrive in order on one thread.
 */
public final class ChatChunks {

    /** Receives the answer's streamed parts in order. */
    public interface Listener {
        void reasoning(String field, String delta);

        void text(String delta);

        void refusal(String delta);
    }

    private final Listener listener;
    private final ToolCallFragments calls = new ToolCallFragments();
    private String id;
    private String model;
    private String finishReason;
    private JsonNode usage;
    private boolean refused;
    private List<ToolCall> whole;

    public ChatChunks(Listener listener) {
        this.listener = listener;
    }

    /** Reads one chunk (the JSON of one {@code data:} line). */
    public void accept(JsonNode chunk) {
        if (id == null) {
            id = ChatAnswer.textOrNull(chunk.get("id"));
        }
        if (model == null) {
            model = ChatAnswer.textOrNull(chunk.get("model"));
        }
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) {
            usage = u;
        }
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isMissingNode()) {
            return;
        }
        JsonNode delta = choice.path("delta");
        Reasoning r = Reasoning.of(delta);
        if (r != null) {
            listener.reasoning(r.field(), r.text());
        }
        JsonNode content = delta.get("content");
        if (content != null && content.isTextual() && !content.asText().isEmpty()) {
            listener.text(content.asText());
        }
        JsonNode refusal = delta.get("refusal");
        if (refusal != null && refusal.isTextual() && !refusal.asText().isEmpty()) {
            refused = true;
            listener.refusal(refusal.asText());
        }
        calls.accept(delta.get("tool_calls"));
        JsonNode fr = choice.get("finish_reason");
        if (fr != null && fr.isTextual()) {
            finishReason = fr.asText();
        }
    }

    /** The tool calls, whole, in the order they began; call after the last chunk. */
    public List<ToolCall> toolCalls() {
        if (whole == null) {
            whole = new ArrayList<>(calls.calls().size());
            for (ToolCallFragments.Call c : calls.calls()) {
                whole.add(new ToolCall(c.id(), c.name(), c.arguments()));
            }
        }
        return whole;
    }

    public String id() {
        return id;
    }

    public String model() {
        return model;
    }

    public String finishReason() {
        return finishReason;
    }

    public ChatUsage usage() {
        return ChatUsage.of(usage);
    }

    /** The upstream sent refusal text or stopped on its content filter. */
    public boolean refused() {
        return refused || "content_filter".equals(finishReason);
    }
}
