package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.http.LoopbackHttpServer;
import dev.lanebench.runners.proxy.http.ProxyExchange;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted OpenAI-compatible model server on 127.0.0.1 for tests: a function of each request decides the
 * answer, which is streamed chunk by chunk (flushed each time) or sent whole, as the request asks.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** One tool call in an answer. */
    public record ToolCall(String id, String name, String arguments) {
    }

    /**
     * What the scripted model answers.
     *
     * @param status       HTTP status; non-200 sends {@code errorBody}
     * @param servedModel  the model the answer claims served it (null: the requested one)
     * @param text         assistant text
     * @param reasoning    reasoning_content text
     * @param calls        tool calls
     * @param errorBody    the error JSON for non-200 answers
     * @param headers      extra response headers (e.g. Retry-After)
     * @param hold         when set, a streamed answer stops after its first content chunk until this opens
     * @param breakStream  a streamed answer sends one chunk and then drops the connection
     * @param raw          when set, the exact answer: the body of a whole answer, or the {@code data:} payloads
     *                     of a streamed one (each flushed on its own; {@code [DONE]} is added)
     */
    public record Answer(int status, String servedModel, String text, String reasoning, List<ToolCall> calls,
                         String errorBody, Map<String, String> headers, CountDownLatch hold, boolean breakStream,
                         List<String> raw) {
        public static Answer text(String text) {
            return new Answer(200, null, text, null, List.of(), null, Map.of(), null, false, null);
        }

        public static Answer tool(String id, String name, String arguments) {
            return tools(List.of(new ToolCall(id, name, arguments)));
        }

        /** Several tool calls in one answer, numbered 0, 1, … as OpenAI does. */
        public static Answer tools(List<ToolCall> calls) {
            return new Answer(200, null, null, null, calls, null, Map.of(), null, false, null);
        }

        public static Answer error(int status, String message, Map<String, String> headers) {
            String body = WireJson.MAPPER.createObjectNode().set("error",
                    WireJson.MAPPER.createObjectNode().put("message", message).put("code", status)).toString();
            return new Answer(status, null, null, null, List.of(), body, headers, null, false, null);
        }

        /**
         * Exactly these chunks when streamed (JSON with ' for ", each its own flushed {@code data:} event, then
         * {@code [DONE]}), or {@code whole} when asked without streaming.
         */
        public static Answer raw(String whole, String... chunks) {
            List<String> list = new ArrayList<>();
            list.add(whole == null ? null : whole.replace('\'', '"'));
            for (String c : chunks) {
                list.add(c.replace('\'', '"'));
            }
            return new Answer(200, null, null, null, List.of(), null, Map.of(), null, false, list);
        }

        public Answer servedBy(String model) {
            return new Answer(status, model, text, reasoning, calls, errorBody, headers, hold, breakStream, raw);
        }

        public Answer withReasoning(String r) {
            return new Answer(status, servedModel, text, r, calls, errorBody, headers, hold, breakStream, raw);
        }

        public Answer heldBy(CountDownLatch latch) {
            return new Answer(status, servedModel, text, reasoning, calls, errorBody, headers, latch, breakStream, raw);
        }

        public Answer broken() {
            return new Answer(status, servedModel, text, reasoning, calls, errorBody, headers, hold, true, raw);
        }
    }

    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    /** Each request's headers, names in lower case. */
    public final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    private final Function<JsonNode, Answer> script;
    private final LoopbackHttpServer server;

    public ScriptedUpstream(Function<JsonNode, Answer> script) throws IOException {
        this.script = script;
        server = LoopbackHttpServer.start(0, "scripted-upstream", this::handle);
    }

    /** How many tool results a chat request carries: how far a scripted agent has got. */
    public static int toolResults(JsonNode request) {
        int n = 0;
        for (JsonNode m : request.path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                n++;
            }
        }
        return n;
    }

    /** The base_url of this server, as lanes.yaml would hold it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(ProxyExchange ex) throws IOException {
        try {
            JsonNode req = WireJson.MAPPER.readTree(ex.body(Integer.MAX_VALUE - 8));
            requests.add(req);
            requestHeaders.add(ex.headers());
            Answer a = script.apply(req);
            String model = a.servedModel() != null ? a.servedModel() : req.path("model").asText();
            if (a.status() != 200) {
                ex.send(a.status(), "application/json", a.errorBody().getBytes(StandardCharsets.UTF_8), a.headers());
            } else if (a.raw() != null) {
                raw(ex, a, req.path("stream").asBoolean(false));
            } else if (req.path("stream").asBoolean(false)) {
                stream(ex, a, model);
            } else {
                ex.send(200, "application/json", whole(a, model).toString().getBytes(StandardCharsets.UTF_8), a.headers());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ProxyExchange.BodyTooLarge e) {
            ex.empty(413);
        }
    }

    private static void raw(ProxyExchange ex, Answer a, boolean stream) throws IOException {
        if (!stream) {
            ex.send(200, "application/json", a.raw().get(0).getBytes(StandardCharsets.UTF_8), a.headers());
            return;
        }
        OutputStream os = ex.stream(200, "text/event-stream", a.headers());
        for (String chunk : a.raw().subList(1, a.raw().size())) {
            write(os, chunk);
        }
        write(os, "[DONE]");
        os.close();
    }

    static ObjectNode usage(ObjectNode into) {
        ObjectNode u = into.putObject("usage");
        u.put("prompt_tokens", 100).put("completion_tokens", 10).put("total_tokens", 110);
        u.putObject("prompt_tokens_details").put("cached_tokens", 20);
        return into;
    }

    private static ObjectNode whole(Answer a, String model) {
        ObjectNode body = WireJson.MAPPER.createObjectNode().put("id", "gen-x").put("model", model);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.put("content", a.text() == null ? "" : a.text());
        if (a.reasoning() != null) {
            message.put("reasoning_content", a.reasoning());
        }
        if (!a.calls().isEmpty()) {
            ArrayNode tc = message.putArray("tool_calls");
            for (ToolCall c : a.calls()) {
                tc.addObject().put("id", c.id()).put("type", "function")
                        .putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        }
        choice.put("finish_reason", a.calls().isEmpty() ? "stop" : "tool_calls");
        return usage(body);
    }

    private void stream(ProxyExchange ex, Answer a, String model) throws IOException, InterruptedException {
        OutputStream os = ex.stream(200, "text/event-stream", a.headers());
        List<ObjectNode> deltas = new ArrayList<>();
        deltas.add(WireJson.MAPPER.createObjectNode().put("role", "assistant").put("content", ""));
        if (a.reasoning() != null) {
            deltas.add(WireJson.MAPPER.createObjectNode().put("reasoning_content", a.reasoning()));
        }
        if (a.text() != null && !a.text().isEmpty()) {
            int half = a.text().length() / 2;
            deltas.add(WireJson.MAPPER.createObjectNode().put("content", a.text().substring(0, half)));
            deltas.add(WireJson.MAPPER.createObjectNode().put("content", a.text().substring(half)));
        }
        int index = 0;
        for (ToolCall c : a.calls()) {
            ObjectNode first = WireJson.MAPPER.createObjectNode();
            first.putArray("tool_calls").addObject().put("index", index).put("id", c.id()).put("type", "function")
                    .putObject("function").put("name", c.name()).put("arguments", "");
            deltas.add(first);
            int half = c.arguments().length() / 2;
            for (String part : new String[] {c.arguments().substring(0, half), c.arguments().substring(half)}) {
                ObjectNode d = WireJson.MAPPER.createObjectNode();
                d.putArray("tool_calls").addObject().put("index", index).putObject("function").put("arguments", part);
                deltas.add(d);
            }
            index++;
        }
        for (int i = 0; i < deltas.size(); i++) {
            ObjectNode chunk = WireJson.MAPPER.createObjectNode().put("id", "gen-s").put("model", model);
            chunk.putArray("choices").addObject().put("index", 0).set("delta", deltas.get(i));
            write(os, chunk.toString());
            if (a.breakStream() && i == 1) {
                return; // the exchange closes without [DONE] and without a finish_reason
            }
            if (a.hold() != null && i == 1) {
                a.hold().await(30, TimeUnit.SECONDS);
            }
        }
        ObjectNode fin = WireJson.MAPPER.createObjectNode().put("id", "gen-s").put("model", model);
        fin.putArray("choices").addObject().put("index", 0).<ObjectNode>set("delta", WireJson.MAPPER.createObjectNode())
                .put("finish_reason", a.calls().isEmpty() ? "stop" : "tool_calls");
        write(os, fin.toString());
        ObjectNode last = WireJson.MAPPER.createObjectNode().put("id", "gen-s").put("model", model);
        last.putArray("choices");
        write(os, usage(last).toString());
        write(os, "[DONE]");
        os.close();
    }

    private static void write(OutputStream os, String data) throws IOException {
        os.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }
}
