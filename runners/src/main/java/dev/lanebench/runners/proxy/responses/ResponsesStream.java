package dev.lanebench.runners.proxy.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.ChatChunks;
import dev.lanebench.runners.proxy.chat.Relay;
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
final class ResponsesStream implements ChatChunks.Listener, Relay.StreamTranslator {
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

    /**
     * @param sink receives each event (name, data) in order and writes it out before returning: the nodes of an
     *             event may change afterwards (an item grows until it is done)
     */
    ResponsesStream(BiConsumer<String, ObjectNode> sink, String fallbackModel, ToolTable tools) {
        this.sink = sink;
        this.fallbackModel = fallbackModel;
        this.tools = tools;
    }

    @Override
    public void onChunk(JsonNode chunk) {
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
        emit(itemEvent("response.reasoning_text.delta").put("content_index", 0).put("delta", delta));
    }

    @Override
    public void text(String delta) {
        if (open != Kind.TEXT) {
            openItem(Kind.TEXT, ResponsesShape.messageItem(ResponsesShape.newId("msg_"), "in_progress"));
            emit(itemEvent("response.content_part.added").put("content_index", 0)
                    .set("part", ResponsesShape.textPart("")));
        }
        openText.append(delta);
        ObjectNode e = itemEvent("response.output_text.delta").put("content_index", 0).put("delta", delta);
        e.putArray("logprobs");
        emit(e);
    }

    @Override
    public void refusal(String delta) {
        if (open != Kind.REFUSAL) {
            openItem(Kind.REFUSAL, ResponsesShape.messageItem(ResponsesShape.newId("msg_"), "in_progress"));
            emit(itemEvent("response.content_part.added").put("content_index", 0)
                    .set("part", ResponsesShape.refusalPart("")));
        }
        openText.append(delta);
        emit(itemEvent("response.refusal.delta").put("content_index", 0).put("delta", delta));
    }

    /** Ends the response after the upstream's last chunk. */
    @Override
    public void finish() {
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
            emit(event("response.output_item.added").put("output_index", index)
                    .set("item", ResponsesShape.callItem(id, call, tool, false)));
            if (tool.kind() == ToolTable.Kind.CUSTOM) {
                String input = done.get("input").asText();
                emit(event("response.custom_tool_call_input.delta").put("item_id", id).put("output_index", index).put("delta", input));
                emit(event("response.custom_tool_call_input.done").put("item_id", id).put("output_index", index).put("input", input));
            } else {
                String args = done.get("arguments").asText();
                emit(event("response.function_call_arguments.delta").put("item_id", id).put("output_index", index).put("delta", args));
                emit(event("response.function_call_arguments.done").put("item_id", id).put("output_index", index).put("arguments", args));
            }
            output().add(done);
            emit(event("response.output_item.done").put("output_index", index).set("item", done));
        }
        String status = ResponsesShape.status(chunks.finishReason(), !chunks.toolCalls().isEmpty());
        response.put("status", status);
        if (status.equals("incomplete")) {
            ResponsesShape.incomplete(response, chunks.finishReason());
        }
        response.set("usage", ResponsesShape.usage(chunks.usage()));
        emit(event(status.equals("incomplete") ? "response.incomplete" : "response.completed").set("response", response));
        finished = true;
    }

    /** Ends the stream with {@code response.failed}, e.g. when the upstream connection broke mid-answer. */
    @Override
    public void fail(ProxyError error) {
        if (finished) {
            return;
        }
        start(null);
        closeItem();
        response.put("status", "failed");
        response.putObject("error").put("code", ResponsesShape.errorCode(error.kind())).put("message", error.message());
        response.set("usage", ResponsesShape.usage(chunks.usage()));
        emit(event("response.failed").set("response", response));
        finished = true;
    }

    private void start(JsonNode chunk) {
        if (response != null) {
            return;
        }
        String model = chunk == null ? fallbackModel : chunk.path("model").asText(fallbackModel);
        response = ResponsesShape.response(responseId, model, createdAt, "in_progress");
        emit(event("response.created").set("response", response));
        emit(event("response.in_progress").set("response", response));
    }

    private ArrayNode output() {
        return response.withArray("output");
    }

    private void openItem(Kind kind, ObjectNode item) {
        closeItem();
        open = kind;
        openItem = item;
        openText.setLength(0);
        emit(event("response.output_item.added").put("output_index", output().size()).set("item", item));
    }

    private ObjectNode itemEvent(String type) {
        return event(type).put("item_id", openItem.get("id").asText()).put("output_index", output().size());
    }

    private void closeItem() {
        if (open == Kind.NONE) {
            return;
        }
        String text = openText.toString();
        ObjectNode done;
        switch (open) {
            case REASONING -> {
                emit(itemEvent("response.reasoning_text.done").put("content_index", 0).put("text", text));
                done = ResponsesShape.reasoningItem(openItem.get("id").asText(), reasoningField, text);
            }
            case TEXT, REFUSAL -> {
                boolean refusal = open == Kind.REFUSAL;
                ObjectNode part = refusal ? ResponsesShape.refusalPart(text) : ResponsesShape.textPart(text);
                if (refusal) {
                    emit(itemEvent("response.refusal.done").put("content_index", 0).put("refusal", text));
                } else {
                    emit(itemEvent("response.output_text.done").put("content_index", 0).put("text", text));
                }
                emit(itemEvent("response.content_part.done").put("content_index", 0).set("part", part));
                done = openItem.put("status", "completed");
                done.withArray("content").add(part);
            }
            default -> throw new IllegalStateException(open.name());
        }
        emit(event("response.output_item.done").put("output_index", output().size()).set("item", done));
        output().add(done);
        open = Kind.NONE;
        openItem = null;
    }

    /** A new event of {@code type}, numbered; its fields are added by the caller, then it is {@link #emit}ted. */
    private ObjectNode event(String type) {
        ObjectNode e = WireJson.MAPPER.createObjectNode();
        e.put("type", type);
        e.put("sequence_number", sequence++);
        return e;
    }

    /** Hands an event to the sink, which writes it out before returning (later changes to its nodes are not seen). */
    private void emit(ObjectNode event) {
        sink.accept(event.get("type").asText(), event);
    }
}
