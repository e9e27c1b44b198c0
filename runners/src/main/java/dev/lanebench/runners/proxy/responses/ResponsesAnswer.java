package dev.lanebench.runners.proxy.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.ChatAnswer;
import dev.lanebench.runners.proxy.chat.ToolCall;
import dev.lanebench.runners.proxy.chat.ToolTable;

/** Turns a whole (non-streamed) chat answer into a Responses API response object. */
final class ResponsesAnswer {
    private ResponsesAnswer() {
    }

    /**
     * @param answer        the upstream's answer
     * @param fallbackModel the model name to report when the upstream names none
     * @param tools         the request's tool table, to give tool calls their client form back
     */
    static ObjectNode of(ChatAnswer answer, String fallbackModel, ToolTable tools) {
        boolean called = !answer.toolCalls().isEmpty();
        String status = ResponsesShape.status(answer.finishReason(), called);
        ObjectNode r = ResponsesShape.response(ResponsesShape.newId("resp_"),
                answer.model() == null ? fallbackModel : answer.model(), System.currentTimeMillis() / 1000, status);
        ArrayNode output = r.withArray("output");
        if (answer.reasoning() != null) {
            output.add(ResponsesShape.reasoningItem(ResponsesShape.newId("rs_"), answer.reasoning().field(),
                    answer.reasoning().text()));
        }
        boolean hasRefusal = answer.refusal() != null && !answer.refusal().isEmpty();
        if (!answer.text().isEmpty() || hasRefusal) {
            ObjectNode message = ResponsesShape.messageItem(ResponsesShape.newId("msg_"), "completed");
            if (!answer.text().isEmpty()) {
                message.withArray("content").add(ResponsesShape.textPart(answer.text()));
            }
            if (hasRefusal) {
                message.withArray("content").add(ResponsesShape.refusalPart(answer.refusal()));
            }
            output.add(message);
        }
        for (ToolCall call : answer.toolCalls()) {
            output.add(ResponsesShape.callItem(ResponsesShape.newId("fc_"), call, tools.client(call.name()), true));
        }
        if (status.equals("incomplete")) {
            ResponsesShape.incomplete(r, answer.finishReason());
        }
        r.set("usage", ResponsesShape.usage(answer.usage()));
        return r;
    }
}
