package dev.lanebench.harness.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local OpenAI-compatible chat-completions endpoint on 127.0.0.1 that answers every request after a fixed delay
 * with a final answer (no tool calls): the "fake model" of the parallel-speedup bar.
 */
final class FixedLatencyModel implements AutoCloseable {
    static final String MODEL = "bench/fixed-latency";
    private static final byte[] ANSWER = ("""
            {"id":"bench","object":"chat.completion","model":"%s",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Nothing to change."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":100,"completion_tokens":5,"total_tokens":105}}
            """.formatted(MODEL)).getBytes(StandardCharsets.UTF_8);
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    FixedLatencyModel(long latencyMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
