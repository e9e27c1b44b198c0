package dev.lanebench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted OpenAI-compatible chat-completions server on 127.0.0.1 that plays a competent flat-loop agent: a
 * request without tools (a pre-flight probe) is answered "OK"; a request with tools writes the file its task
 * asks for (ok.txt = OK for the pre-flight task, greeting.txt = hello for {@link TaskFixture#greeting}) and then
 * says it is done. Per model id, an answer can be replaced (a 401, a switched model, …). It counts requests per
 * model and the most requests it held at once, overall and per path, and can answer after a fixed delay.
 */
public final class ScriptedModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Replaces the answer for requests naming a model id: receives the request, returns status, body, headers. */
    public record Reply(int status, String body, Map<String, String> headers) {
        public Reply(int status, String body) {
            this(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Function<JsonNode, Reply>> overrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByModel = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlightByPath = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlightByPath = new ConcurrentHashMap<>();
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile long latencyMs;
    private volatile long promptTokens = 1000;
    private volatile long completionTokens = 100;

    public ScriptedModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base_url of path {@code /p/v1} (several endpoints on one server, counted apart). */
    public String baseUrl(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/v1";
    }

    public ScriptedModel latency(long ms) {
        this.latencyMs = ms;
        return this;
    }

    /** The usage every answer reports (nothing cached). */
    public ScriptedModel usage(long prompt, long completion) {
        this.promptTokens = prompt;
        this.completionTokens = completion;
        return this;
    }

    public ScriptedModel override(String modelId, Function<JsonNode, Reply> reply) {
        overrides.put(modelId, reply);
        return this;
    }

    public int requests(String modelId) {
        AtomicInteger n = requestsByModel.get(modelId);
        return n == null ? 0 : n.get();
    }

    /** The most requests to base_url path {@code path} this server held at the same time. */
    public int maxInFlight(String path) {
        AtomicInteger n = maxInFlightByPath.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** A complete chat completion. */
    public String completion(String served, String provider, ObjectNode message, String finish) {
        ObjectNode body = JSON.createObjectNode().put("id", "c").put("object", "chat.completion").put("model", served);
        if (provider != null) {
            body.put("provider", provider);
        }
        body.putArray("choices").addObject().put("index", 0).<ObjectNode>set("message", message).put("finish_reason", finish);
        body.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return body.toString();
    }

    public static ObjectNode text(String content) {
        return JSON.createObjectNode().put("role", "assistant").put("content", content);
    }

    public static String error(int status, String message) {
        return JSON.createObjectNode().set("error", JSON.createObjectNode().put("message", message).put("code", status))
                .toString();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().split("/")[1];
        AtomicInteger now = inFlightByPath.computeIfAbsent(path, p -> new AtomicInteger());
        int held = now.incrementAndGet();
        maxInFlightByPath.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(held, Math::max);
        try (ex) {
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            requests.add(req);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            String model = req.path("model").asText();
            requestsByModel.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            Function<JsonNode, Reply> o = overrides.get(model);
            Reply reply = o != null ? o.apply(req) : new Reply(200, agent(req, model));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            now.decrementAndGet();
        }
    }

    /** The competent agent: OK to a probe; writes the task's file, then says it is done. */
    public String agent(JsonNode req, String served) {
        if (!req.has("tools")) {
            return completion(served, null, text("OK"), "stop");
        }
        JsonNode messages = req.path("messages");
        if (messages.get(messages.size() - 1).path("role").asText().equals("tool")) {
            return completion(served, null, text("Done."), "stop");
        }
        String task = messages.toString();
        String file = task.contains("ok.txt") ? "ok.txt" : "greeting.txt";
        String content = file.equals("ok.txt") ? "OK\n" : "hello\n";
        ObjectNode args = JSON.createObjectNode().put("path", file).put("content", content);
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content");
        message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                .putObject("function").put("name", "write_file").put("arguments", args.toString());
        return completion(served, null, message, "tool_calls");
    }
}
