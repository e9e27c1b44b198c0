package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a stream of OpenAI chat-completion chunks into Anthropic Messages stream events, one chunk at a time,
 * so nothing is held back: each chunk's events go to the sink as soon as the chunk arrives. One instance per
 * response; not thread-safe (chunks of one stream arrive in order on one thread).
 *
 * <p>Event order: {@code message_start}, then per content block {@code content_block_start}, its deltas and
 * {@code content_block_stop} (a block closes whenever the kind of content changes), then
 * {@code message_delta} with the stop reason and usage, then {@code message_stop}.
 */
public final class StreamTranslator {

    /** Receives translated events in order. */
    public interface Sink {
        void event(String name, ObjectNode data);
    }

    private enum Kind { NONE, TEXT, THINKING, TOOL }

    private final Sink sink;
    private final String fallbackModel;
    private boolean started;
    private boolean finished;
    private int blockIndex = -1;
    private Kind open = Kind.NONE;
    private String thinkingField;
    /** Upstream tool-call index to its state; a call's fragments all go to the block opened for it. */
    private final Map<Integer, ToolState> tools = new HashMap<>();
    private ToolState openTool;
    private String finishReason;
    private JsonNode usage;
    private boolean sawToolUse;
    private int lostToolFragments;

    private static final class ToolState {
        final int block;

        ToolState(int block) {
            this.block = block;
        }
    }

    public StreamTranslator(Sink sink, String fallbackModel) {
        this.sink = sink;
        this.fallbackModel = fallbackModel;
    }

    /** Translates one upstream chunk (the JSON of one {@code data:} line). */
    public void onChunk(JsonNode chunk) {
        if (finished) {
            return;
        }
        start(chunk);
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) {
            usage = u;
        }
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isMissingNode()) {
            return;
        }
        JsonNode delta = choice.path("delta");
        Reasoning reasoning = Reasoning.of(delta);
        if (reasoning != null) {
            if (open != Kind.THINKING) {
                openBlock(Kind.THINKING, block -> block.put("type", "thinking").put("thinking", "").put("signature", ""));
                thinkingField = reasoning.field();
            }
            ObjectNode d = WireJson.MAPPER.createObjectNode().put("type", "thinking_delta").put("thinking", reasoning.text());
            delta(d);
        }
        JsonNode content = delta.get("content");
        if (content != null && content.isTextual() && !content.asText().isEmpty()) {
            if (open != Kind.TEXT) {
                openBlock(Kind.TEXT, block -> block.put("type", "text").put("text", ""));
            }
            delta(WireJson.MAPPER.createObjectNode().put("type", "text_delta").put("text", content.asText()));
        }
        JsonNode calls = delta.get("tool_calls");
        if (calls != null && calls.isArray()) {
            int position = 0;
            for (JsonNode call : calls) {
                toolFragment(call, position++);
            }
        }
        JsonNode fr = choice.get("finish_reason");
        if (fr != null && fr.isTextual()) {
            finishReason = fr.asText();
        }
    }

    private void toolFragment(JsonNode call, int position) {
        int key = call.has("index") ? call.path("index").asInt() : position;
        ToolState state = tools.get(key);
        JsonNode fn = call.path("function");
        if (state == null) {
            String id = ResponseParts.toolUseId(call.path("id").asText(""));
            String name = fn.path("name").asText("");
            openBlock(Kind.TOOL, block -> block.put("type", "tool_use").put("id", id).put("name", name)
                    .putObject("input"));
            state = new ToolState(blockIndex);
            tools.put(key, state);
            openTool = state;
            sawToolUse = true;
        }
        String args = fn.path("arguments").asText("");
        if (args.isEmpty()) {
            return;
        }
        if (state != openTool || open != Kind.TOOL) {
            // An upstream that interleaves two calls' arguments: the earlier block is already closed and
            // Anthropic streams cannot reopen one. Counted so it shows up, never seen from OpenAI-style servers.
            lostToolFragments++;
            return;
        }
        delta(WireJson.MAPPER.createObjectNode().put("type", "input_json_delta").put("partial_json", args));
    }

    /** Ends the message after the upstream's last chunk ({@code [DONE]} or end of stream). */
    public void finish() {
        if (finished) {
            return;
        }
        start(null);
        closeBlock();
        ObjectNode md = WireJson.MAPPER.createObjectNode();
        md.put("type", "message_delta");
        md.putObject("delta").put("stop_reason", ResponseParts.stopReason(finishReason, sawToolUse)).putNull("stop_sequence");
        md.set("usage", ResponseParts.usage(usage));
        sink.event("message_delta", md);
        sink.event("message_stop", WireJson.MAPPER.createObjectNode().put("type", "message_stop"));
        finished = true;
    }

    /** Ends the stream with an Anthropic error event, e.g. when the upstream connection broke mid-answer. */
    public void fail(String errorType, String message) {
        if (finished) {
            return;
        }
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", "error");
        e.putObject("error").put("type", errorType).put("message", message);
        sink.event("error", e);
        finished = true;
    }

    public boolean started() {
        return started;
    }

    /** Whether the upstream said why it stopped; a stream that ends without it was cut off. */
    public boolean sawFinishReason() {
        return finishReason != null;
    }

    public int lostToolFragments() {
        return lostToolFragments;
    }

    private void start(JsonNode chunk) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode ms = WireJson.MAPPER.createObjectNode();
        ms.put("type", "message_start");
        ObjectNode m = ms.putObject("message");
        m.put("id", ResponseParts.messageId(chunk));
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", chunk == null ? fallbackModel : chunk.path("model").asText(fallbackModel));
        m.putArray("content");
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        m.set("usage", ResponseParts.usage(null));
        sink.event("message_start", ms);
    }

    private void openBlock(Kind kind, java.util.function.Consumer<ObjectNode> fill) {
        closeBlock();
        blockIndex++;
        open = kind;
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", "content_block_start");
        e.put("index", blockIndex);
        fill.accept(e.putObject("content_block"));
        sink.event("content_block_start", e);
    }

    private void delta(ObjectNode d) {
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", "content_block_delta");
        e.put("index", blockIndex);
        e.set("delta", d);
        sink.event("content_block_delta", e);
    }

    private void closeBlock() {
        if (open == Kind.NONE) {
            return;
        }
        if (open == Kind.THINKING) {
            // The signature names the upstream field, so the reasoning can go back the same way next turn.
            delta(WireJson.MAPPER.createObjectNode().put("type", "signature_delta")
                    .put("signature", Reasoning.SIGNATURE_PREFIX + thinkingField));
        }
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", "content_block_stop");
        e.put("index", blockIndex);
        sink.event("content_block_stop", e);
        open = Kind.NONE;
        openTool = null;
    }
}
