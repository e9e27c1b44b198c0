package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.upstream.Cancellation;
import dev.lanebench.runners.upstream.UpstreamClient;
import dev.lanebench.runners.upstream.UpstreamException;
import dev.lanebench.runners.upstream.UpstreamResponse;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in proxy: an HTTP server on 127.0.0.1 that speaks the Anthropic Messages API to the claude CLI and
 * OpenAI chat completions to the lane's endpoint, through the shared upstream client. Every upstream try is
 * logged as a {@code ModelCall} to the attempt log it was started with, so one instance serves one attempt
 * (or one standalone session). Only the local token is accepted; the upstream key stays in the client.
 *
 * <p>Serves {@code POST /v1/messages} (streamed or not, any query such as {@code ?beta=true}),
 * {@code POST /v1/messages/count_tokens} (an estimate), and {@code HEAD /}, {@code HEAD|GET /api/hello}.
 */
public final class MessagesProxy implements AutoCloseable {
    private final ProxySettings settings;
    private final AttemptLog log;
    private final UpstreamClient mainClient;
    private final UpstreamClient smallClient;
    private final HttpServer server;
    private final byte[] token;
    private final Set<Cancellation> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private MessagesProxy(ProxySettings settings, AttemptLog log) throws IOException {
        this.settings = settings;
        this.log = log;
        this.mainClient = new UpstreamClient(settings.main(), settings.env(), settings.retry(), log::modelCall);
        this.smallClient = new UpstreamClient(settings.small(), settings.env(), settings.retry(), log::modelCall);
        this.token = settings.token().getBytes(StandardCharsets.UTF_8);
        this.server = LoopbackServer.create(settings.port(), "lanebench-proxy");
        server.createContext("/", this::handle);
    }

    /** Starts a proxy; every upstream try it makes goes to {@code log.modelCall}. */
    public static MessagesProxy start(ProxySettings settings, AttemptLog log) throws IOException {
        MessagesProxy p = new MessagesProxy(settings, log);
        p.server.start();
        return p;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What the CLI's {@code ANTHROPIC_BASE_URL} is set to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** What the CLI's {@code ANTHROPIC_AUTH_TOKEN} is set to. */
    public String token() {
        return settings.token();
    }

    /** Cancels upstream calls in flight and stops listening; safe to call twice. */
    @Override
    public void close() {
        closed = true;
        inFlight.forEach(Cancellation::cancel);
        LoopbackServer.stop(server);
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (("/".equals(path) && "HEAD".equals(method))
                    || ("/api/hello".equals(path) && ("HEAD".equals(method) || "GET".equals(method)))) {
                // Connectivity probes; they carry no credentials and reveal nothing.
                ex.sendResponseHeaders(200, -1);
                return;
            }
            if (!authorized(ex)) {
                sendError(ex, AnthropicError.authentication("invalid local token"));
                return;
            }
            if ("POST".equals(method) && "/v1/messages".equals(path)) {
                messages(ex);
            } else if ("POST".equals(method) && "/v1/messages/count_tokens".equals(path)) {
                countTokens(ex);
            } else {
                sendError(ex, AnthropicError.notFound(method + " " + path + " is not served by the lanebench proxy"));
            }
        } catch (IOException | UncheckedIOException e) {
            // The CLI went away mid-answer; nothing left to tell it.
        } catch (RuntimeException e) {
            log.event(TranscriptEvent.error("proxy: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            try {
                sendError(ex, new AnthropicError(500, "api_error", "proxy failure: " + e.getClass().getSimpleName(), null));
            } catch (IOException | RuntimeException ignored) {
                // headers already sent; the stream just ends
            }
        }
    }

    private boolean authorized(HttpExchange ex) {
        String bearer = ex.getRequestHeaders().getFirst("Authorization");
        String presented = null;
        if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = bearer.substring(7).trim();
        } else if (ex.getRequestHeaders().getFirst("x-api-key") != null) {
            presented = ex.getRequestHeaders().getFirst("x-api-key").trim();
        }
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    private void messages(HttpExchange ex) throws IOException {
        JsonNode request = readJson(ex);
        if (request == null) {
            return;
        }
        UpstreamClient client = ModelRouting.isSmall(request.path("model").asText(null), settings.main().model().id())
                ? smallClient : mainClient;
        String upstreamModel = client.upstream().model().id();
        ObjectNode body;
        try {
            body = RequestTranslator.toOpenAi(request, upstreamModel, settings.maxTokens(),
                    client.upstream().model().echoesReasoning());
        } catch (InvalidRequestException e) {
            log.event(TranscriptEvent.error("proxy: invalid request from the CLI: " + e.getMessage()));
            sendError(ex, AnthropicError.invalidRequest(e.getMessage()));
            return;
        }
        Cancellation cancel = new Cancellation();
        inFlight.add(cancel);
        if (closed) {
            cancel.cancel();
        }
        try {
            if (request.path("stream").asBoolean(false)) {
                streamed(ex, client, body, upstreamModel, cancel);
            } else {
                whole(ex, client, body, upstreamModel, cancel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.remove(cancel);
        }
    }

    private void whole(HttpExchange ex, UpstreamClient client, ObjectNode body, String model, Cancellation cancel)
            throws IOException, InterruptedException {
        UpstreamResponse response;
        try {
            response = client.complete(body, settings.deadline(), cancel);
        } catch (UpstreamException e) {
            sendError(ex, AnthropicError.from(e));
            return;
        }
        sendJson(ex, 200, ResponseTranslator.toAnthropic(response.body(), model), null);
    }

    private void streamed(HttpExchange ex, UpstreamClient client, ObjectNode body, String model, Cancellation cancel)
            throws IOException, InterruptedException {
        SseOut out = new SseOut(ex);
        StreamTranslator translator = new StreamTranslator(out::event, model);
        try {
            client.stream(body, settings.deadline(), chunk -> {
                translator.onChunk(chunk);
                out.flush();
            }, cancel);
            translator.finish();
        } catch (UpstreamException e) {
            AnthropicError error = AnthropicError.from(e);
            if (!out.started()) {
                sendError(ex, error);
                return;
            }
            // Mid-stream: the status is already 200, so the failure goes as an error event; the CLI then
            // retries the request (without streaming).
            translator.fail(error.type(), error.message());
        }
        out.flush();
        out.close();
    }

    private void countTokens(HttpExchange ex) throws IOException {
        JsonNode request = readJson(ex);
        if (request == null) {
            return;
        }
        // An estimate (about four characters per token) is all the CLI uses it for: deciding when to compact.
        long chars = 0;
        for (String field : new String[] {"system", "messages", "tools"}) {
            JsonNode n = request.get(field);
            if (n != null) {
                chars += n.isTextual() ? n.asText().length() : n.toString().length();
            }
        }
        ObjectNode answer = WireJson.MAPPER.createObjectNode().put("input_tokens", Math.max(1, chars / 4));
        sendJson(ex, 200, answer, null);
    }

    private JsonNode readJson(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readAllBytes();
        try {
            JsonNode n = WireJson.MAPPER.readTree(bytes);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // answered below
        }
        sendError(ex, AnthropicError.invalidRequest("request body is not a JSON object"));
        return null;
    }

    private static void sendError(HttpExchange ex, AnthropicError error) throws IOException {
        sendJson(ex, error.status(), error.body(), error.retryAfter());
    }

    private static void sendJson(HttpExchange ex, int status, ObjectNode body, String retryAfter) throws IOException {
        byte[] bytes = WireJson.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            ex.getResponseHeaders().set("retry-after", retryAfter);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }
}
