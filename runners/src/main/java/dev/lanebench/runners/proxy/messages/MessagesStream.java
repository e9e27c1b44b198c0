package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.ChatChunks;
import dev.lanebench.runners.proxy.chat.Reasoning;
import dev.lanebench.runners.proxy.chat.Relay;
import dev.lanebench.runners.proxy.http.ProxyError;
import dev.lanebench.runners.proxy.chat.ToolCall;
import dev.lanebench.runners.proxy.chat.ToolTable;
import dev.lanebench.runners.proxy.chat.ChatUsage;
import dev.lanebench.runners.upstream.WireJson;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Turns a stream of OpenAI chat-completion chunks into Anthropic Messages stream events, one chunk at a time:
 * reasoning and text go out as soon as their chunk arrives; tool calls go out whole when the upstream has
 * finished, because only then are their ids, names and arguments certain (see {@link ChatChunks}). One instance
 * per response; not thread-safe (chunks of one stream arrive in order on one thread).
 *
 * <p>Event order, which the official SDK checks strictly: {@code message_start}, then per content block
 * {@code content_block_start}, its deltas and {@code content_block_stop} (blocks numbered from 0, one open at a
 * time), then {@code message_delta} with the stop reason and usage, then {@code message_stop}.
 */
public final class MessagesStream implements ChatChunks.Listener, Relay.StreamTranslator {

    private enum Kind { NONE, TEXT, THINKING, TOOL }

    private final BiConsumer<String, ObjectNode> sink;
    private final String fallbackModel;
    private final ToolTable tools;
    private final ChatChunks chunks = new ChatChunks(this);
    private boolean started;
    private boolean finished;
    private int blockIndex = -1;
    private Kind open = Kind.NONE;
    private String thinkingField;

    /** @param sink receives each translated event (name, data) in order */
    public MessagesStream(BiConsumer<String, ObjectNode> sink, String fallbackModel, ToolTable tools) {
        this.sink = sink;
        this.fallbackModel = fallbackModel;
        this.tools = tools;
    }

    /** Translates one upstream chunk (the JSON of one {@code data:} line). */
    @Override
    public void onChunk(JsonNode chunk) {
        if (finished) {
            return;
        }
        start(chunk);
        chunks.accept(chunk);
    }

    @Override
    public void reasoning(String field, String delta) {
        if (open != Kind.THINKING) {
            thinkingField = field;
            openBlock(Kind.THINKING, b -> b.put("type", "thinking").put("thinking", "").put("signature", ""));
        }
        delta(WireJson.MAPPER.createObjectNode().put("type", "thinking_delta").put("thinking", delta));
    }

    @Override
    public void text(String delta) {
        if (open != Kind.TEXT) {
            openBlock(Kind.TEXT, b -> b.put("type", "text").put("text", ""));
        }
        delta(WireJson.MAPPER.createObjectNode().put("type", "text_delta").put("text", delta));
    }

    /** A refusal is the answer's text; the stop reason says it was a refusal. */
    @Override
    public void refusal(String delta) {
        text(delta);
    }

    /** Ends the message after the upstream's last chunk ({@code [DONE]} or end of stream). */
    @Override
    public void finish() {
        if (finished) {
            return;
        }
        start(null);
        closeBlock();
        for (ToolCall call : chunks.toolCalls()) {
            openBlock(Kind.TOOL, b -> b.put("type", "tool_use").put("id", call.id())
                    .put("name", tools.client(call.name()).name()).putObject("input"));
            // One delta with the whole input, always a JSON object: the SDK parses it at the block's end.
            delta(WireJson.MAPPER.createObjectNode().put("type", "input_json_delta")
                    .put("partial_json", AnthropicShape.toolInput(call.arguments()).toString()));
            closeBlock();
        }
        ObjectNode md = WireJson.MAPPER.createObjectNode();
        md.put("type", "message_delta");
        md.putObject("delta").put("stop_reason", AnthropicShape.stopReason(chunks.finishReason(),
                !chunks.toolCalls().isEmpty(), chunks.refused())).putNull("stop_sequence");
        md.set("usage", AnthropicShape.usage(chunks.usage()));
        sink.accept("message_delta", md);
        sink.accept("message_stop", WireJson.MAPPER.createObjectNode().put("type", "message_stop"));
        finished = true;
    }

    /** Ends the stream with an Anthropic error event, e.g. when the upstream connection broke mid-answer. */
    @Override
    public void fail(ProxyError error) {
        if (finished) {
            return;
        }
        sink.accept("error", AnthropicShape.error(error));
        finished = true;
    }

    public boolean started() {
        return started;
    }

    private void start(JsonNode chunk) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode ms = WireJson.MAPPER.createObjectNode();
        ms.put("type", "message_start");
        ObjectNode m = ms.putObject("message");
        m.put("id", AnthropicShape.messageId(chunk == null ? null : chunk.path("id").asText(null)));
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", chunk == null ? fallbackModel : chunk.path("model").asText(fallbackModel));
        m.putArray("content");
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        m.set("usage", AnthropicShape.usage(ChatUsage.ZERO));
        sink.accept("message_start", ms);
    }

    private void openBlock(Kind kind, Consumer<ObjectNode> fill) {
        closeBlock();
        blockIndex++;
        open = kind;
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", "content_block_start");
        e.put("index", blockIndex);
        fill.accept(e.putObject("content_block"));
        sink.accept("content_block_start", e);
    }

    private void delta(ObjectNode d) {
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", "content_block_delta");
        e.put("index", blockIndex);
        e.set("delta", d);
        sink.accept("content_block_delta", e);
    }

    private void closeBlock() {
        if (open == Kind.NONE) {
            return;
        }
        if (open == Kind.THINKING) {
            // The signature names the upstream field, so the reasoning can go back the same way next turn.
            delta(WireJson.MAPPER.createObjectNode().put("type", "signature_delta")
                    .put("signature", Reasoning.marker(thinkingField)));
        }
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", "content_block_stop");
        e.put("index", blockIndex);
        sink.accept("content_block_stop", e);
        open = Kind.NONE;
    }
}
