package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.secrets.Redactor;
import dev.lanebench.runners.upstream.UpstreamException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Calls one OpenAI-compatible {@code /chat/completions} endpoint for one model (OpenRouter, Cloudflare Workers
 * AI, z.ai, DeepSeek, vLLM, Ollama), plain or streamed, with retries, and logs every HTTP try as a
 * {@link ModelCall}: the route proof and the token and cost record of a run.
 *
 * <p>Request shaping: {@code model} is set to the model's id; the endpoint's extra {@code body} fields are merged
 * over the caller's body, except {@code model}, {@code messages}, {@code tools}, {@code stream} and
 * {@code stream_options}, which belong to the client and caller; {@code max_tokens} and
 * {@code max_completion_tokens} are clamped to the model's {@code max_output_tokens}; streams ask for
 * {@code stream_options.include_usage}. Headers: the endpoint's extra headers, then
 * {@code Authorization: Bearer <key>} when the endpoint names a key variable (none otherwise, for local
 * servers).
 *
 * <p>Retries (per {@link RetryPolicy}): 408, 409, 429, 5xx, an error object inside a 200, a malformed 200,
 * timeouts and network errors; never 400/401/402/403/404 or other 4xx; a stream only until its first chunk has
 * been handed to the listener. No wait passes the deadline. Thread-safe: one client may serve concurrent
 * requests.
 */
public final class UpstreamClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Set<String> CALLER_OWNED = Set.of("model", "messages", "tools", "stream", "stream_options");
    // A call cut off this close to the deadline is taken as cut off by it (the call timeout fires at the deadline).
    private static final long DEADLINE_SLACK_MS = 50;
    private static final int MAX_ERROR_TEXT = 400;

    private final Upstream upstream;
    private final Map<String, String> env;
    private final String apiKey;
    private final RetryPolicy retry;
    private final Consumer<ModelCall> calls;
    private final OkHttpClient http;
    private final Redactor redactor;
    /** What the environment lacks for this upstream ({@code "<ENV> not set"}), read once: it cannot change. */
    private final Optional<String> missing;
    /** The chat-completions URL, resolved once (null when base_url is no http(s) URL). */
    private final HttpUrl url;
    /** The endpoint's extra body fields as JSON, converted once (shared, never modified). */
    private final Map<String, JsonNode> extraBody = new java.util.LinkedHashMap<>();

    /**
     * @param upstream the endpoint and model to call
     * @param env      where the key (under the endpoint's {@code api_key_env}) and base_url variables are read;
     *                 read once, here
     * @param retry    the retry policy ({@link RetryPolicy#DEFAULT} in production)
     * @param calls    receives one {@link ModelCall} per HTTP try, as soon as the try ends (e.g.
     *                 {@code task.log()::modelCall})
     */
    public UpstreamClient(Upstream upstream, Map<String, String> env, RetryPolicy retry, Consumer<ModelCall> calls) {
        this.upstream = upstream;
        this.env = Map.copyOf(env);
        String keyEnv = upstream.endpoint().apiKeyEnv();
        this.apiKey = keyEnv == null || keyEnv.isBlank() ? null : env.get(keyEnv);
        this.retry = retry;
        this.calls = calls;
        this.http = UpstreamHttp.shared();
        this.redactor = Redactor.of(apiKey);
        this.missing = upstream.missingEnv(this.env);
        this.url = HttpUrl.parse(upstream.chatCompletionsUrl(this.env));
        upstream.endpoint().body().forEach((k, v) -> {
            if (!CALLER_OWNED.contains(k)) {
                extraBody.put(k, WireJson.MAPPER.valueToTree(v));
            }
        });
    }

    public Upstream upstream() {
        return upstream;
    }

    /** Non-streamed request; see {@link #complete(ObjectNode, Instant, Cancellation)}. */
    public UpstreamResponse complete(ObjectNode body, Instant deadline) throws UpstreamException, InterruptedException {
        return complete(body, deadline, new Cancellation());
    }

    /**
     * Sends one chat completion request and returns the first usable answer, retrying per the policy.
     *
     * @param body     an OpenAI chat request body (messages, tools, max_tokens, …); not modified
     * @param deadline the attempt deadline: the HTTP call is cut off there and no retry wait passes it; null for none
     * @param cancel   lets another thread stop the request
     * @throws UpstreamException    when no usable answer came (after retries), carrying status and Retry-After
     * @throws InterruptedException when the thread is interrupted during a retry wait
     */
    public UpstreamResponse complete(ObjectNode body, Instant deadline, Cancellation cancel)
            throws UpstreamException, InterruptedException {
        return withRetries(prepare(body, false), deadline, null, cancel);
    }

    /** Streamed request; see {@link #stream(ObjectNode, Instant, ChunkListener, Cancellation)}. */
    public UpstreamResponse stream(ObjectNode body, Instant deadline, ChunkListener listener)
            throws UpstreamException, InterruptedException {
        return stream(body, deadline, listener, new Cancellation());
    }

    /**
     * Sends a streamed request ({@code stream: true}, {@code stream_options.include_usage}) and hands each chunk to
     * {@code listener} as soon as its SSE event is read, unbuffered. Retries only while no chunk has been
     * delivered. The returned body is the chunks folded into the non-streamed shape. An endpoint that ignores
     * {@code stream} and answers with plain JSON is delivered as one chunk.
     */
    public UpstreamResponse stream(ObjectNode body, Instant deadline, ChunkListener listener, Cancellation cancel)
            throws UpstreamException, InterruptedException {
        return withRetries(prepare(body, true), deadline, listener, cancel);
    }

    /**
     * The body actually sent: the caller's, shaped as the class comment says. Only top-level fields change, so
     * the copy is shallow: a long conversation is not copied for every request.
     */
    ObjectNode prepare(ObjectNode body, boolean stream) {
        ObjectNode out = WireJson.MAPPER.createObjectNode();
        out.setAll(body);
        extraBody.forEach(out::set);
        out.put("model", upstream.model().id());
        Integer limit = upstream.model().maxOutputTokens();
        for (String field : new String[] {"max_tokens", "max_completion_tokens"}) {
            JsonNode n = out.get(field);
            if (limit != null && n != null && n.isNumber() && n.asLong() > limit) {
                out.put(field, limit);
            }
        }
        if (stream) {
            out.put("stream", true);
            ObjectNode options = WireJson.MAPPER.createObjectNode();
            if (out.get("stream_options") instanceof ObjectNode given) {
                options.setAll(given);
            }
            options.put("include_usage", true);
            out.set("stream_options", options);
        } else {
            out.remove("stream");
            out.remove("stream_options");
        }
        return out;
    }

    private UpstreamResponse withRetries(ObjectNode payload, Instant deadline, ChunkListener listener,
                                         Cancellation cancel) throws UpstreamException, InterruptedException {
        if (missing.isPresent()) {
            throw new UpstreamException(Kind.CONFIG, 0, false, null, missing.get(), 0, false);
        }
        if (url == null) {
            throw new UpstreamException(Kind.CONFIG, 0, false, null,
                    redactor.apply("base_url is not an http(s) URL: " + upstream.endpoint().baseUrl()), 0, false);
        }
        byte[] bytes;
        try {
            bytes = WireJson.MAPPER.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UpstreamException(Kind.CONFIG, 0, false, null, "request body not serializable", 0, false);
        }
        int tries = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted before an upstream try");
            }
            if (cancel.isCancelled()) {
                throw new UpstreamException(Kind.CANCELLED, 0, false, null, "cancelled", tries, false);
            }
            if (deadline != null && !Instant.now().isBefore(deadline)) {
                throw new UpstreamException(Kind.DEADLINE, 0, false, null, "attempt deadline reached", tries, false);
            }
            tries++;
            Object outcome = tryOnce(url, bytes, deadline, listener, cancel, tries);
            if (outcome instanceof UpstreamResponse ok) {
                return ok;
            }
            UpstreamException failure = (UpstreamException) outcome;
            if (!failure.retryable() || failure.kind() == Kind.DEADLINE || failure.kind() == Kind.CANCELLED) {
                throw failure.finalAfter(tries, null);
            }
            if (tries > retry.maxRetries()) {
                throw failure.finalAfter(tries, null);
            }
            Duration wait = retry.delayBefore(tries, failure.retryAfter().orElse(null));
            if (deadline != null && Instant.now().plus(wait).isAfter(deadline)) {
                throw failure.finalAfter(tries, "not retried: the wait of " + wait.toMillis()
                        + " ms would pass the attempt deadline");
            }
            if (cancel.sleep(wait)) {
                throw failure.finalAfter(tries, "cancelled while waiting to retry");
            }
        }
    }

    /** One HTTP try: returns an {@link UpstreamResponse} or the {@link UpstreamException} it failed with. */
    private Object tryOnce(HttpUrl url, byte[] bytes, Instant deadline, ChunkListener listener, Cancellation cancel,
                           int tryNumber) throws InterruptedException {
        Request.Builder rb = new Request.Builder().url(url).post(RequestBody.create(bytes, JSON));
        upstream.endpoint().headers().forEach(rb::header);
        if (apiKey != null) {
            rb.header("Authorization", "Bearer " + apiKey);
        }
        if (listener != null) {
            rb.header("Accept", "text/event-stream");
        }
        Call call = http.newCall(rb.build());
        if (deadline != null) {
            long ms = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            call.timeout().timeout(ms, TimeUnit.MILLISECONDS);
        }
        cancel.attach(call);
        TryRecord rec = new TryRecord(System.nanoTime(), tryNumber);
        try (Response response = call.execute()) {
            rec.status = response.code();
            if (!response.isSuccessful()) {
                return httpFailure(rec, response);
            }
            ResponseBody rbody = response.body();
            MediaType type = rbody == null ? null : rbody.contentType();
            boolean sse = listener != null && (type == null || !type.subtype().contains("json"));
            return sse ? readStream(rec, rbody, listener, call) : readJson(rec, rbody, listener);
        } catch (ListenerStopped stopped) {
            call.cancel();
            return fail(rec, Kind.CANCELLED, rec.status, false, null, "stream listener stopped: " + stopped.getMessage());
        } catch (IOException e) {
            boolean pastDeadline = deadline != null
                    && Duration.between(Instant.now(), deadline).toMillis() <= DEADLINE_SLACK_MS;
            Kind kind = cancel.isCancelled() ? Kind.CANCELLED
                    : pastDeadline ? Kind.DEADLINE
                    : e instanceof InterruptedIOException ? Kind.TIMEOUT : Kind.NETWORK;
            String what = kind == Kind.DEADLINE ? "cut off at the attempt deadline"
                    : kind == Kind.CANCELLED ? "cancelled"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            boolean retryable = (kind == Kind.TIMEOUT || kind == Kind.NETWORK) && !rec.delivered;
            return fail(rec, kind, rec.status, retryable, null, what);
        } finally {
            cancel.detach();
        }
    }

    /** Per-try bookkeeping shared by the success and failure paths. */
    private static final class TryRecord {
        final long startNanos;
        final int tryNumber;
        int status;
        boolean delivered;
        JsonNode partialUsage;
        String servedModel;
        String provider;

        TryRecord(long startNanos, int tryNumber) {
            this.startNanos = startNanos;
            this.tryNumber = tryNumber;
        }

        long latencyMs() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    /** Thrown out of the read loop when the caller's listener refuses a chunk. */
    private static final class ListenerStopped extends IOException {
        ListenerStopped(String message) {
            super(message);
        }
    }

    private Object httpFailure(TryRecord rec, Response response) throws IOException {
        Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), Instant.now());
        ResponseBody b = response.body();
        String text = b == null ? "" : b.string();
        return fail(rec, Kind.HTTP, rec.status, UpstreamException.retryableStatus(rec.status), retryAfter,
                errorMessage(text, response.message()));
    }

    private Object readJson(TryRecord rec, ResponseBody body, ChunkListener listener) throws IOException {
        String text = body == null ? "" : body.string();
        JsonNode json;
        try {
            json = WireJson.MAPPER.readTree(text);
        } catch (IOException e) {
            return fail(rec, Kind.BAD_RESPONSE, rec.status, true, null, "response is not JSON: " + clip(text));
        }
        if (json == null || !json.isObject()) {
            return fail(rec, Kind.BAD_RESPONSE, rec.status, true, null, "response is not a JSON object");
        }
        rec.servedModel = textOrNull(json.get("model"));
        rec.provider = textOrNull(json.get("provider"));
        rec.partialUsage = json.get("usage");
        if (json.hasNonNull("error") && !hasChoices(json)) {
            return embeddedError(rec, json.get("error"));
        }
        if (!hasChoices(json)) {
            return fail(rec, Kind.BAD_RESPONSE, rec.status, true, null, "response has no choices");
        }
        if (listener != null) {
            // The endpoint ignored stream:true; hand the caller the whole answer as one chunk.
            deliver(rec, listener, asChunk(json));
        }
        return succeed(rec, json);
    }

    private Object readStream(TryRecord rec, ResponseBody body, ChunkListener listener, Call call) throws IOException {
        SseReader reader = new SseReader(body.source());
        StreamAssembler assembler = new StreamAssembler();
        boolean done = false;
        String data;
        while ((data = reader.next()) != null) {
            if ("[DONE]".equals(data.trim())) {
                done = true;
                break;
            }
            JsonNode chunk;
            try {
                chunk = WireJson.MAPPER.readTree(data);
            } catch (IOException e) {
                call.cancel();
                return fail(rec, Kind.BAD_RESPONSE, rec.status, !rec.delivered, null,
                        "stream event is not JSON: " + clip(data));
            }
            if (chunk == null || !chunk.isObject()) {
                continue;
            }
            if (chunk.hasNonNull("error")) {
                call.cancel();
                return embeddedError(rec, chunk.get("error"));
            }
            assembler.accept(chunk);
            if (textOrNull(chunk.get("model")) != null) {
                rec.servedModel = chunk.get("model").asText();
            }
            if (textOrNull(chunk.get("provider")) != null) {
                rec.provider = chunk.get("provider").asText();
            }
            if (chunk.hasNonNull("usage")) {
                rec.partialUsage = chunk.get("usage");
            }
            deliver(rec, listener, chunk);
        }
        if (!done && assembler.finishReason() == null) {
            return fail(rec, Kind.NETWORK, rec.status, !rec.delivered, null, "stream ended before [DONE]");
        }
        if (!assembler.sawChoice()) {
            return fail(rec, Kind.BAD_RESPONSE, rec.status, !rec.delivered, null, "stream carried no choices");
        }
        return succeed(rec, assembler.result());
    }

    private static void deliver(TryRecord rec, ChunkListener listener, JsonNode chunk) throws ListenerStopped {
        try {
            listener.onChunk(chunk);
        } catch (IOException | RuntimeException e) {
            throw new ListenerStopped(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        rec.delivered = true;
    }

    private Object embeddedError(TryRecord rec, JsonNode error) {
        // OpenRouter reports provider failures as an error object inside a 200 (body or stream), with the
        // provider's status as its code; that code is what the caller needs to see.
        JsonNode code = error.path("code");
        int status = code.canConvertToInt() && code.asInt() >= 100 && code.asInt() <= 599 ? code.asInt() : 502;
        return fail(rec, Kind.HTTP, status, UpstreamException.retryableStatus(status) && !rec.delivered, null,
                "error in a 200 response: " + errorMessage(error.isObject() ? wrapError(error) : error.toString(), ""));
    }

    private static String wrapError(JsonNode error) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.set("error", error);
        return o.toString();
    }

    private UpstreamResponse succeed(TryRecord rec, JsonNode json) {
        Usage u = Usage.of(json.get("usage"), upstream.model().price());
        ModelCall mc = new ModelCall(upstream.model().id(), textOrNull(json.get("model")),
                textOrNull(json.get("provider")), rec.status, true, rec.latencyMs(), u.inputTokens(),
                u.cachedTokens(), u.outputTokens(), u.reasoningTokens(), u.costUsd(), u.costSource(),
                upstream.role(), null, textOrNull(json.path("choices").path(0).get("finish_reason")));
        calls.accept(mc);
        return new UpstreamResponse(json, mc, rec.tryNumber);
    }

    private UpstreamException fail(TryRecord rec, Kind kind, int status, boolean retryable, Duration retryAfter,
                                   String message) {
        String safe = redactor.apply(message);
        // Tokens spent before a stream broke are still spent: record what the upstream reported, if anything.
        Usage u = Usage.of(rec.partialUsage, upstream.model().price());
        calls.accept(new ModelCall(upstream.model().id(), rec.servedModel, rec.provider, rec.status, false,
                rec.latencyMs(), u.inputTokens(), u.cachedTokens(), u.outputTokens(), u.reasoningTokens(),
                u.costUsd(), u.costSource(), upstream.role(), clipError(kind, status, safe)));
        return new UpstreamException(kind, status, retryable, retryAfter, safe, 1, rec.delivered);
    }

    private static String clipError(Kind kind, int status, String message) {
        String prefix = kind == Kind.HTTP ? "HTTP " + status : kind.name().toLowerCase(java.util.Locale.ROOT);
        return clip(prefix + (message == null || message.isBlank() ? "" : ": " + message));
    }

    /** The most useful line of an error body: OpenAI/OpenRouter, vLLM, Cloudflare and plain-text shapes. */
    static String errorMessage(String body, String fallback) {
        if (body == null || body.isBlank()) {
            return fallback == null ? "" : fallback;
        }
        try {
            JsonNode j = WireJson.MAPPER.readTree(body);
            if (j != null && j.isObject()) {
                JsonNode err = j.get("error");
                String msg = null;
                if (err != null && err.isObject()) {
                    msg = textOrNull(err.get("message"));
                    String raw = textOrNull(err.path("metadata").get("raw"));
                    if (msg != null && raw != null) {
                        msg = msg + " (" + clip(raw) + ")";
                    }
                } else if (err != null && err.isTextual()) {
                    msg = err.asText();
                }
                if (msg == null) {
                    msg = textOrNull(j.get("message"));
                }
                if (msg == null) {
                    msg = textOrNull(j.get("detail"));
                }
                if (msg == null && j.path("errors").isArray() && j.path("errors").size() > 0) {
                    msg = textOrNull(j.path("errors").get(0).get("message"));
                }
                if (msg != null) {
                    return clip(msg);
                }
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return clip(body.strip());
    }

    private static ObjectNode asChunk(JsonNode completion) {
        ObjectNode chunk = WireJson.MAPPER.createObjectNode();
        completion.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("choices")) {
                chunk.set(e.getKey(), e.getValue());
            }
        });
        chunk.put("object", "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        JsonNode first = completion.path("choices").path(0);
        choice.put("index", 0);
        choice.set("delta", first.path("message").deepCopy());
        choice.set("finish_reason", first.get("finish_reason"));
        return chunk;
    }

    private static boolean hasChoices(JsonNode json) {
        JsonNode c = json.get("choices");
        return c != null && c.isArray() && c.size() > 0;
    }

    private static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static String clip(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= MAX_ERROR_TEXT ? s : s.substring(0, MAX_ERROR_TEXT) + "…";
    }
}
