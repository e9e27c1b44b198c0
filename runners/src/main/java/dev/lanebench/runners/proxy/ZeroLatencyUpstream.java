package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;
import dev.lanebench.runners.proxy.http.LoopbackHttpServer;
import dev.lanebench.runners.proxy.http.ProxyExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An OpenAI-compatible endpoint on 127.0.0.1 that answers every chat completion at once with the same short
 * answer (whole or streamed): the zero-latency upstream the proxy benchmark measures against. The benchmark runs
 * it as a process of its own ({@link #main}), as a real provider never shares the proxy's JVM.
 */
public final class ZeroLatencyUpstream implements AutoCloseable {
    private final LoopbackHttpServer server;
    private final byte[] whole;
    private final byte[] firstChunk;
    private final byte[] restOfStream;

    ZeroLatencyUpstream() throws IOException {
        ObjectNode completion = WireJson.MAPPER.createObjectNode().put("id", "gen-bench").put("model", "bench/model");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", "The answer is 42.");
        choice.put("finish_reason", "stop");
        usage(completion);
        whole = WireJson.MAPPER.writeValueAsBytes(completion);
        firstChunk = sse(chunk("{\"content\":\"The answer\"}", null));
        StringBuilder rest = new StringBuilder();
        rest.append(new String(sse(chunk("{\"content\":\" is 42.\"}", null)), StandardCharsets.UTF_8));
        rest.append(new String(sse(chunk("{}", "stop")), StandardCharsets.UTF_8));
        ObjectNode last = WireJson.MAPPER.createObjectNode().put("id", "gen-bench").put("model", "bench/model");
        last.putArray("choices");
        rest.append("data: ").append(usage(last)).append("\n\n").append("data: [DONE]\n\n");
        restOfStream = rest.toString().getBytes(StandardCharsets.UTF_8);

        server = LoopbackHttpServer.start(0, "zero-latency-upstream", this::handle);
    }

    /**
     * Serves until standard input closes (the benchmark ends, or dies): prints {@code port <n>} once ready.
     */
    public static void main(String[] args) throws IOException {
        try (ZeroLatencyUpstream upstream = new ZeroLatencyUpstream()) {
            System.out.println("port " + upstream.server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our standard input
            }
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    private static ObjectNode usage(ObjectNode into) {
        into.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 5).put("total_tokens", 17);
        return into;
    }

    private static ObjectNode chunk(String deltaJson, String finish) throws IOException {
        ObjectNode c = WireJson.MAPPER.createObjectNode().put("id", "gen-bench").put("model", "bench/model");
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", WireJson.MAPPER.readTree(deltaJson));
        if (finish != null) {
            choice.put("finish_reason", finish);
        }
        return c;
    }

    private static byte[] sse(JsonNode chunk) {
        return ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private void handle(ProxyExchange ex) throws IOException {
        JsonNode req;
        try {
            req = WireJson.MAPPER.readTree(ex.body(64 * 1024 * 1024));
        } catch (ProxyExchange.BodyTooLarge e) {
            ex.empty(413);
            return;
        }
        if (req.path("stream").asBoolean(false)) {
            OutputStream os = ex.stream(200, "text/event-stream", Map.of());
            os.write(firstChunk);
            os.flush();
            os.write(restOfStream);
            os.close();
        } else {
            ex.send(200, "application/json", whole, Map.of());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
