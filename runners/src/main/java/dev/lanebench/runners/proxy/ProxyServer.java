package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.proxy.chat.Route;
import dev.lanebench.runners.proxy.http.LoopbackHttpServer;
import dev.lanebench.runners.proxy.http.ProxyError;
import dev.lanebench.runners.proxy.http.ProxyExchange;
import dev.lanebench.runners.proxy.messages.MessagesFront;
import dev.lanebench.runners.proxy.responses.ResponsesFront;
import dev.lanebench.runners.upstream.Cancellation;
import dev.lanebench.runners.upstream.UpstreamClient;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in proxy: an HTTP server on 127.0.0.1 with two client fronts — the Anthropic Messages API for the
 * claude CLI, the OpenAI Responses API for the codex CLI — over one upstream side that speaks OpenAI chat
 * completions to the lane's endpoint. Every upstream try is logged as a {@code ModelCall} to the attempt log it
 * was started with, so one instance serves one attempt (or one standalone session). Only the local token is
 * accepted; the upstream key stays in the upstream client.
 *
 * <p>Serves {@code POST /v1/messages} and {@code /v1/messages/count_tokens} (any query such as
 * {@code ?beta=true}), {@code POST /v1/responses}, {@code GET /v1/models} (the lane's models), and the
 * connectivity probes {@code HEAD /}, {@code HEAD|GET /api/hello}.
 */
public final class ProxyServer implements AutoCloseable {
    private final ProxySettings settings;
    private final AttemptLog log;
    private final MessagesFront messages;
    private final ResponsesFront responses;
    private final LoopbackHttpServer server;
    private final byte[] token;
    private final Set<Cancellation> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ProxyServer(ProxySettings settings, AttemptLog log) throws IOException {
        this.settings = settings;
        this.log = log;
        Route main = Route.of(new UpstreamClient(settings.main(), settings.env(), settings.retry(), log::modelCall),
                settings.maxTokens());
        Route small = Route.of(new UpstreamClient(settings.small(), settings.env(), settings.retry(), log::modelCall),
                settings.maxTokens());
        this.messages = new MessagesFront(main, small, settings.deadline(), log);
        this.responses = new ResponsesFront(main, settings.deadline(), log);
        this.token = settings.token().getBytes(StandardCharsets.UTF_8);
        this.server = LoopbackHttpServer.start(settings.port(), "lanebench-proxy", this::handle);
    }

    /** Starts a proxy; every upstream try it makes goes to {@code log.modelCall}. */
    public static ProxyServer start(ProxySettings settings, AttemptLog log) throws IOException {
        return new ProxyServer(settings, log);
    }

    public int port() {
        return server.port();
    }

    /** The claude CLI's {@code ANTHROPIC_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The codex CLI's provider {@code base_url} (the Responses API lives under /v1). */
    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** The local bearer token a client must present; the only credential a CLI ever sees. */
    public String token() {
        return settings.token();
    }

    /** Cancels upstream calls in flight and stops listening; safe to call twice. */
    @Override
    public void close() {
        closed = true;
        inFlight.forEach(Cancellation::cancel);
        server.close();
    }

    private void handle(ProxyExchange ex) {
        boolean responsesApi = ex.path().startsWith("/v1/responses");
        try {
            String method = ex.method();
            String path = ex.path();
            if (("/".equals(path) && "HEAD".equals(method))
                    || ("/api/hello".equals(path) && ("HEAD".equals(method) || "GET".equals(method)))) {
                // Connectivity probes; they carry no credentials and reveal nothing.
                ex.empty(200);
                return;
            }
            if (!authorized(ex)) {
                send(ex, responsesApi, ProxyError.authentication("invalid local token"));
                return;
            }
            if ("GET".equals(method) && "/v1/models".equals(path)) {
                ex.json(200, models(), null);
                return;
            }
            boolean post = "POST".equals(method);
            if (!post || !(path.equals("/v1/messages") || path.equals("/v1/messages/count_tokens")
                    || path.equals("/v1/responses"))) {
                send(ex, responsesApi, ProxyError.notFound(method + " " + path + " is not served by the lanebench proxy"));
                return;
            }
            ObjectNode request = body(ex, responsesApi);
            if (request == null) {
                return;
            }
            if (path.equals("/v1/messages/count_tokens")) {
                messages.countTokens(ex, request);
                return;
            }
            Cancellation cancel = new Cancellation();
            inFlight.add(cancel);
            if (closed) {
                cancel.cancel();
            }
            try {
                if (responsesApi) {
                    responses.create(ex, request, cancel);
                } else {
                    messages.messages(ex, request, cancel);
                }
            } finally {
                inFlight.remove(cancel);
            }
        } catch (IOException | UncheckedIOException e) {
            // The client went away mid-answer; nothing left to tell it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.event(TranscriptEvent.error("proxy: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            try {
                send(ex, responsesApi, ProxyError.internal(e.getClass().getSimpleName()));
            } catch (IOException | RuntimeException ignored) {
                // headers already sent; the stream just ends
            }
        }
    }

    /** The request's JSON object, or null after answering 413 (over the cap) or 400 (not a JSON object). */
    private ObjectNode body(ProxyExchange ex, boolean responsesApi) throws IOException {
        byte[] bytes;
        try {
            bytes = ex.body(settings.maxBodyBytes());
        } catch (ProxyExchange.BodyTooLarge e) {
            log.event(TranscriptEvent.error("proxy: request body over " + e.cap() + " bytes refused"));
            send(ex, responsesApi, ProxyError.tooLarge(e.cap()));
            return null;
        }
        ObjectNode request = WireJson.objectOrNull(bytes);
        if (request == null) {
            send(ex, responsesApi, ProxyError.invalidRequest("request body is not a JSON object"));
        }
        return request;
    }

    private static void send(ProxyExchange ex, boolean responsesApi, ProxyError e) throws IOException {
        if (responsesApi) {
            ResponsesFront.send(ex, e);
        } else {
            MessagesFront.send(ex, e);
        }
    }

    private boolean authorized(ProxyExchange ex) {
        String bearer = ex.header("Authorization");
        String presented = null;
        if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = bearer.substring(7).trim();
        } else if (ex.header("x-api-key") != null) {
            presented = ex.header("x-api-key").trim();
        }
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    /**
     * The lane's models, in a list both APIs' clients read: OpenAI's {@code object}/{@code data[].id} and
     * Anthropic's {@code data[].type}/{@code display_name}/{@code has_more}.
     */
    private ObjectNode models() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(settings.main().model().id());
        ids.add(settings.small().model().id());
        ObjectNode list = WireJson.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : ids) {
            data.addObject().put("id", id).put("object", "model").put("type", "model").put("display_name", id)
                    .put("owned_by", "lanebench").put("created", 0).put("created_at", "1970-01-01T00:00:00Z");
        }
        list.put("has_more", false);
        list.put("first_id", ids.iterator().next());
        list.put("last_id", (String) ids.toArray()[ids.size() - 1]);
        return list;
    }
}
