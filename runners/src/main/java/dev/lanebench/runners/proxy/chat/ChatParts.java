package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;
import java.util.List;

/** Builds the pieces of a chat-completions conversation both fronts produce: content parts and messages. */
public final class ChatParts {
    private ChatParts() {
    }

    public static ObjectNode text(String text) {
        ObjectNode p = WireJson.MAPPER.createObjectNode();
        p.put("type", "text");
        p.put("text", text);
        return p;
    }

    /** An image part: a URL or a {@code data:} URI. */
    public static ObjectNode imageUrl(String url) {
        ObjectNode p = WireJson.MAPPER.createObjectNode();
        p.put("type", "image_url");
        p.putObject("image_url").put("url", url);
        return p;
    }

    /**
     * A PDF as a chat {@code file} part, for a model that takes one ({@code pdf_input} in lanes.yaml).
     *
     * @param dataUri  the document as a {@code data:application/pdf;base64,…} URI
     * @param filename the name to give it (upstreams want one)
     * @param field    the request field it came from, for the error
     * @throws InvalidRequestException when the model takes no PDFs: never dropped without a word
     */
    public static ObjectNode pdf(String dataUri, String filename, TargetModel target, String field) {
        if (!target.pdfInput()) {
            throw InvalidRequestException.field(field, "PDFs are not supported by this model (" + target.id()
                    + "); set pdf_input: true on the model in lanes.yaml if its endpoint accepts them");
        }
        ObjectNode p = WireJson.MAPPER.createObjectNode();
        p.put("type", "file");
        p.putObject("file").put("filename", filename == null || filename.isBlank() ? "document.pdf" : filename)
                .put("file_data", dataUri);
        return p;
    }

    /** A user message: a plain string when every part is text (what every server accepts), else the parts. */
    public static ObjectNode userMessage(List<ObjectNode> parts) {
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "user");
        if (parts.stream().allMatch(p -> "text".equals(p.path("type").asText()))) {
            StringBuilder sb = new StringBuilder();
            for (ObjectNode p : parts) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(p.path("text").asText());
            }
            m.put("content", sb.toString());
        } else {
            ArrayNode arr = m.putArray("content");
            parts.forEach(arr::add);
        }
        return m;
    }

    public static ObjectNode toolMessage(String callId, String content) {
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "tool");
        m.put("tool_call_id", callId);
        m.put("content", content);
        return m;
    }

    /** One tool call of an assistant message. */
    public static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = WireJson.MAPPER.createObjectNode();
        call.put("id", id);
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    /**
     * A system message joined from the paragraphs given (null when there are none): many chat templates take
     * only one system message, first.
     */
    public static ObjectNode systemMessage(CharSequence text) {
        if (text.length() == 0) {
            return null;
        }
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "system");
        m.put("content", text.toString());
        return m;
    }

    /** Appends a paragraph, separated from what is there by a blank line. */
    public static void appendParagraph(StringBuilder sb, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append("\n\n");
        }
        sb.append(text);
    }
}
