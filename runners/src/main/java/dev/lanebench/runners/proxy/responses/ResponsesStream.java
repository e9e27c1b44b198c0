package dev.lanebench.runners.proxy.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.ChatChunks;
import dev.lanebench.runners.proxy.chat.ToolCall;
import dev.lanebench.runners.proxy.chat.ToolTable;
import dev.lanebench.runners.proxy.http.ProxyError;
import dev.lanebench.runners.upstream.WireJson;
import java.util.function.BiConsumer;

/**
 * Turns a stream of OpenAI chat-completion chunks into Responses API stream events, one chunk at a time:
 * reasoning and text go out as soon as their chunk arrives; tool calls go out whole when the upstream has
 * finished (see {@link ChatChunks}). One instance per response; not thread-safe.
 *
 * <p>Every output item is announced with {@code response.output_item.added} and closed with
 * {@code response.output_item.done}, and the stream always ends with {@code response.completed},
 * {@code response.incomplete} (cut at the output limit, usage kept) or {@code response.failed}: without them
 * the codex CLI reports a disconnected stream and retries. Events carry a {@code sequence_number} from 0.
 */
final class ResponsesStream implements ChatChunks.Listener {
    private enum Kind { NONE, REASONING, TEXT, REFUSAL }

    private final BiConsumer<String, ObjectNode> sink;
    private final String fallbackModel;
    private final ToolTable tools;
    private final ChatChunks chunks = new ChatChunks(this);
    private final String responseId = ResponsesShape.newId("resp_");
    private final long createdAt = System.currentTimeMillis() / 1000;
    private ObjectNode response;
    private int sequence;
    private boolean finished;
    private Kind open = Kind.NONE;
    private ObjectNode openItem;
    private String reasoningField;
    private final StringBuilder openText = new StringBuilder();

    /** @param sink receives each event (name, data) in order */
    ResponsesStream(BiConsumer<String, ObjectNode> sink, String fallbackModel, ToolTable tools) {
        this.sink = sink;
        this.fallbackModel = fallbackModel;
        this.tools = tools;
    }

    void onChunk(JsonNode chunk) {
        if (finished) {
            return;
        }
        start(chunk);
        chunks.accept(chunk);
    }

    boolean started() {
        return response != null;
    }

    @Override
    public void reasoning(String field, String delta) {
        if (open != Kind.REASONING) {
            reasoningField = field;
            openItem(Kind.REASONING, ResponsesShape.reasoningItem(ResponsesShape.newId("rs_"), field, null));
        }
        openText.append(delta);
        emit("response.reasoning_text.delta", itemEvent().put("content_index", 0).put("delta", delta));
    }

    @Override
    public void text(String delta) {
        if (open != Kind.TEXT) {
            openItem(Kind.TEXT, ResponsesShape.messageItem(ResponsesShape.newId("msg_"), "in_progress"));
            emit("response.content_part.added", itemEvent().put("content_index", 0)
                    .set("part", ResponsesShape.textPart("")));
        }
        openText.append(delta);
        ObjectNode e = itemEvent().put("content_index", 0).put("delta", delta);
        e.putArray("logprobs");
        emit("response.output_text.delta", e);
    }

    @Override
    public void refusal(String delta) {
        if (open != Kind.REFUSAL) {
            openItem(Kind.REFUSAL, ResponsesShape.messageItem(ResponsesShape.newId("msg_"), "in_progress"));
            emit("response.content_part.added", itemEvent().put("content_index", 0)
                    .set("part", ResponsesShape.refusalPart("")));
        }
        openText.append(delta);
        emit("response.refusal.delta", itemEvent().put("content_index", 0).put("delta", delta));
    }

    /** Ends the response after the upstream's last chunk. */
    void finish() {
        if (finished) {
            return;
        }
        start(null);
        closeItem();
        for (ToolCall call : chunks.toolCalls()) {
            ToolTable.ClientTool tool = tools.client(call.name());
            String id = ResponsesShape.newId("fc_");
            ObjectNode done = ResponsesShape.callItem(id, call, tool, true);
            int index = output().size();
            emit("response.output_item.added", WireJson.MAPPER.createObjectNode().put("output_index", index)
                    .set("item", ResponsesShape.callItem(id, call, tool, false)));
            ObjectNode base = WireJson.MAPPER.createObjectNode().put("item_id", id).put("output_index", index);
            if (tool.kind() == ToolTable.Kind.CUSTOM) {
                String input = done.get("input").asText();
                emit("response.custom_tool_call_input.delta", base.deepCopy().put("delta", input));
                emit("response.custom_tool_call_input.done", base.deepCopy().put("input", input));
            } else {
                String args = done.get("arguments").asText();
                emit("response.function_call_arguments.delta", base.deepCopy().put("delta", args));
                emit("response.function_call_arguments.done", base.deepCopy().put("arguments", args));
            }
            output().add(done);
            emit("response.output_item.done", WireJson.MAPPER.createObjectNode().put("output_index", index).set("item", done));
        }
        String status = ResponsesShape.status(chunks.finishReason(), !chunks.toolCalls().isEmpty());
        response.put("status", status);
        if (status.equals("incomplete")) {
            ResponsesShape.incomplete(response, chunks.finishReason());
        }
        response.set("usage", ResponsesShape.usage(chunks.usage()));
        emit(status.equals("incomplete") ? "response.incomplete" : "response.completed",
                WireJson.MAPPER.createObjectNode().set("response", response));
        finished = true;
    }

    /** Ends the stream with {@code response.failed}, e.g. when the upstream connection broke mid-answer. */
    void fail(ProxyError error) {
        if (finished) {
            return;
        }
        start(null);
        closeItem();
        response.put("status", "failed");
        response.putObject("error").put("code", ResponsesShape.errorCode(error.kind())).put("message", error.message());
        response.set("usage", ResponsesShape.usage(chunks.usage()));
        emit("response.failed", WireJson.MAPPER.createObjectNode().set("response", response));
        finished = true;
    }

    private void start(JsonNode chunk) {
        if (response != null) {
            return;
        }
        String model = chunk == null ? fallbackModel : chunk.path("model").asText(fallbackModel);
        response = ResponsesShape.response(responseId, model, createdAt, "in_progress");
        emit("response.created", WireJson.MAPPER.createObjectNode().set("response", response.deepCopy()));
        emit("response.in_progress", WireJson.MAPPER.createObjectNode().set("response", response.deepCopy()));
    }

    private ArrayNode output() {
        return response.withArray("output");
    }

    private void openItem(Kind kind, ObjectNode item) {
        closeItem();
        open = kind;
        openItem = item;
        openText.setLength(0);
        emit("response.output_item.added", WireJson.MAPPER.createObjectNode().put("output_index", output().size())
                .set("item", item.deepCopy()));
    }

    private ObjectNode itemEvent() {
        return WireJson.MAPPER.createObjectNode().put("item_id", openItem.get("id").asText())
                .put("output_index", output().size());
    }

    private void closeItem() {
        if (open == Kind.NONE) {
            return;
        }
        String text = openText.toString();
        ObjectNode done;
        switch (open) {
            case REASONING -> {
                emit("response.reasoning_text.done", itemEvent().put("content_index", 0).put("text", text));
                done = ResponsesShape.reasoningItem(openItem.get("id").asText(), reasoningField, text);
            }
            case TEXT, REFUSAL -> {
                boolean refusal = open == Kind.REFUSAL;
                ObjectNode part = refusal ? ResponsesShape.refusalPart(text) : ResponsesShape.textPart(text);
                if (refusal) {
                    emit("response.refusal.done", itemEvent().put("content_index", 0).put("refusal", text));
                } else {
                    emit("response.output_text.done", itemEvent().put("content_index", 0).put("text", text));
                }
                emit("response.content_part.done", itemEvent().put("content_index", 0).set("part", part));
                done = openItem.put("status", "completed");
                done.withArray("content").add(part);
            }
            default -> throw new IllegalStateException(open.name());
        }
        emit("response.output_item.done", WireJson.MAPPER.createObjectNode().put("output_index", output().size())
                .set("item", done));
        output().add(done);
        open = Kind.NONE;
        openItem = null;
    }

    private void emit(String type, ObjectNode data) {
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", type);
        e.put("sequence_number", sequence++);
        e.setAll(data);
        sink.accept(type, e);
    }
}
