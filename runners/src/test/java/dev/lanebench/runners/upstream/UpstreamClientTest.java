package dev.lanebench.runners.upstream;

import static dev.lanebench.runners.upstream.OpenAiWire.KEY;
import static dev.lanebench.runners.upstream.OpenAiWire.MODEL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.ModelSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {
    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(10), 2.0, Duration.ofMillis(50),
            Duration.ofSeconds(5), 0);

    private MockWebServer server;
    private final List<ModelCall> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private UpstreamClient client(RetryPolicy policy) {
        return new UpstreamClient(OpenAiWire.upstream(server), OpenAiWire.env(), policy, calls::add);
    }

    private static Instant in(Duration d) {
        return Instant.now().plus(d);
    }

    @Test
    void sendsKeyExtraHeadersAndBodyFieldsAndClampsMaxTokens() throws Exception {
        EndpointSpec endpoint = new EndpointSpec(server.url("/v1/").toString(), OpenAiWire.KEY_ENV,
                Map.of("HTTP-Referer", "https://lanebench.dev"),
                Map.of("provider", Map.of("order", List.of("z-ai"), "allow_fallbacks", false), "model", "hijack"));
        Upstream up = new Upstream("main", endpoint, new ModelSpec("m", MODEL_ID, OpenAiWire.PRICE, 100));
        server.enqueue(OpenAiWire.text("hi"));

        UpstreamResponse r = new UpstreamClient(up, OpenAiWire.env(), FAST, calls::add)
                .complete(OpenAiWire.request("hello"), in(Duration.ofSeconds(10)));

        RecordedRequest req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(req.getHeader("HTTP-Referer")).isEqualTo("https://lanebench.dev");
        JsonNode sent = WireJson.MAPPER.readTree(req.getBody().readUtf8());
        assertThat(sent.path("model").asText()).isEqualTo(MODEL_ID);
        assertThat(sent.path("provider").path("allow_fallbacks").asBoolean(true)).isFalse();
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(sent.has("stream")).isFalse();
        assertThat(r.message().path("content").asText()).isEqualTo("hi");
        assertThat(r.tries()).isEqualTo(1);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.role()).isEqualTo("main");
        });
    }

    @Test
    void sendsNoAuthorizationHeaderWhenTheEndpointHasNoKeyEnv() throws Exception {
        Upstream local = OpenAiWire.upstream(server, null, null);
        server.enqueue(OpenAiWire.text("hi"));

        new UpstreamClient(local, OpenAiWire.env(), FAST, calls::add).complete(OpenAiWire.request("x"), null);

        assertThat(server.takeRequest().getHeader("Authorization")).isNull();
        assertThat(local.missingEnv(Map.of())).isEmpty();
    }

    @Test
    void missingKeyIsAConfigErrorAndNoRequestIsMade() {
        UpstreamClient c = new UpstreamClient(OpenAiWire.upstream(server), Map.of(), FAST, calls::add);

        UpstreamException e = catchThrowableOfType(() -> c.complete(OpenAiWire.request("x"), null),
                UpstreamException.class);

        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONFIG);
        assertThat(e.getMessage()).contains(OpenAiWire.KEY_ENV + " not set");
        assertThat(server.getRequestCount()).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void baseUrlVariablesAreFilledFromTheEnvironmentAndCheckedForReadiness() {
        Upstream cf = new Upstream("main", new EndpointSpec(
                "https://api.cloudflare.com/client/v4/accounts/${CF_ACCOUNT_ID}/ai/v1/", "CF_TOKEN", null, null),
                new ModelSpec("glm", "@cf/zai-org/glm-5.2", null, null));

        assertThat(cf.missingEnv(Map.of("CF_TOKEN", "t"))).contains("CF_ACCOUNT_ID not set");
        assertThat(cf.missingEnv(Map.of("CF_ACCOUNT_ID", "abc"))).contains("CF_TOKEN not set");
        assertThat(cf.chatCompletionsUrl(Map.of("CF_ACCOUNT_ID", "abc")))
                .isEqualTo("https://api.cloudflare.com/client/v4/accounts/abc/ai/v1/chat/completions");
    }

    @Test
    void retriesA429AfterTheWaitItsRetryAfterAsksFor() throws Exception {
        // Backoff without Retry-After would be 10 ms: only honouring the header explains a 300 ms wait.
        server.enqueue(OpenAiWire.error(429, "slow down").setHeader("Retry-After", "0.3"));
        server.enqueue(OpenAiWire.text("done"));
        long t0 = System.nanoTime();

        UpstreamResponse r = client(FAST).complete(OpenAiWire.request("x"), in(Duration.ofSeconds(10)));

        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(waitedMs).isGreaterThanOrEqualTo(300);
        assertThat(r.tries()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(calls).extracting(ModelCall::status).containsExactly(429, 200);
        assertThat(calls).extracting(ModelCall::ok).containsExactly(false, true);
        assertThat(calls.get(0).error()).contains("HTTP 429").contains("slow down");
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredAndHugeValuesAreCapped() {
        Instant now = Instant.parse("2026-07-01T10:00:00Z");
        assertThat(RetryAfter.parse("Wed, 01 Jul 2026 10:00:07 GMT", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Wed, 01 Jul 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryPolicy.DEFAULT.delayBefore(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void paymentRequiredIsNotRetried() {
        server.enqueue(OpenAiWire.error(402, "insufficient credits"));
        server.enqueue(OpenAiWire.text("never sent"));

        UpstreamException e = catchThrowableOfType(
                () -> client(FAST).complete(OpenAiWire.request("x"), in(Duration.ofSeconds(10))),
                UpstreamException.class);

        assertThat(e.status()).isEqualTo(402);
        assertThat(e.retryable()).isFalse();
        assertThat(e.upstreamMessage()).contains("insufficient credits");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(calls).singleElement().satisfies(c -> assertThat(c.ok()).isFalse());
    }

    @Test
    void serverErrorsAreRetriedUntilTheRetriesRunOut() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(OpenAiWire.error(503, "overloaded"));
        }

        UpstreamException e = catchThrowableOfType(
                () -> client(FAST).complete(OpenAiWire.request("x"), in(Duration.ofSeconds(10))),
                UpstreamException.class);

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryable()).isTrue();
        assertThat(e.tries()).isEqualTo(3);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(calls).hasSize(3).allSatisfy(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.status()).isEqualTo(503);
        });
    }

    @Test
    void aRetryWaitThatWouldPassTheDeadlineIsNotTaken() {
        server.enqueue(OpenAiWire.error(429, "busy").setHeader("Retry-After", "30"));
        long t0 = System.nanoTime();

        UpstreamException e = catchThrowableOfType(
                () -> client(RetryPolicy.DEFAULT).complete(OpenAiWire.request("x"), in(Duration.ofMillis(800))),
                UpstreamException.class);

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(700);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("would pass the attempt deadline");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theDeadlineCutsOffACallThatHangs() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        long t0 = System.nanoTime();

        UpstreamException e = catchThrowableOfType(
                () -> client(RetryPolicy.DEFAULT).complete(OpenAiWire.request("x"), in(Duration.ofMillis(400))),
                UpstreamException.class);

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.DEADLINE);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.status()).isZero();
        });
    }

    @Test
    void anotherThreadCanCancelACallInFlight() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        Cancellation cancel = new Cancellation();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        canceller.start();

        UpstreamException e = catchThrowableOfType(
                () -> client(RetryPolicy.DEFAULT).complete(OpenAiWire.request("x"), null, cancel),
                UpstreamException.class);

        canceller.join();
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CANCELLED);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void anErrorObjectInsideA200IsRetriedByItsOwnCode() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"code\":502,\"message\":\"Provider returned error\"}}"));
        server.enqueue(OpenAiWire.text("ok"));

        UpstreamResponse r = client(FAST).complete(OpenAiWire.request("x"), null);

        assertThat(r.message().path("content").asText()).isEqualTo("ok");
        assertThat(calls.get(0).ok()).isFalse();
        assertThat(calls.get(0).error()).contains("Provider returned error");
    }

    @Test
    void aServedModelOtherThanTheRequestedOneIsRecordedAsSuch() throws Exception {
        ObjectNode body = OpenAiWire.completion("meta-llama/llama-3.1-8b-instruct", "hi", "stop", List.of());
        body.put("provider", "SomeHost");
        server.enqueue(OpenAiWire.json(body));

        client(FAST).complete(OpenAiWire.request("x"), null);

        ModelCall c = calls.get(0);
        assertThat(c.requestedModel()).isEqualTo(MODEL_ID);
        assertThat(c.servedModel()).isEqualTo("meta-llama/llama-3.1-8b-instruct");
        assertThat(c.provider()).isEqualTo("SomeHost");
        assertThat(c.servedAsRequested()).isFalse();
    }

    @Test
    void cachedAndReasoningTokensAreCostedFromThePrice() throws Exception {
        ObjectNode body = OpenAiWire.completion(MODEL_ID, "hi", "stop", List.of());
        OpenAiWire.usage(body, 1_000_000, 400_000, 500_000, 300_000);
        server.enqueue(OpenAiWire.json(body));

        client(FAST).complete(OpenAiWire.request("x"), null);

        ModelCall c = calls.get(0);
        assertThat(c.inputTokens()).isEqualTo(600_000L);
        assertThat(c.cachedTokens()).isEqualTo(400_000L);
        assertThat(c.outputTokens()).isEqualTo(500_000L);
        assertThat(c.reasoningTokens()).isEqualTo(300_000L);
        // 0.6 M × 1.40 + 0.4 M × 0.26 + 0.5 M × 4.40
        assertThat(c.costUsd()).isCloseTo(0.84 + 0.104 + 2.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.costSource()).isEqualTo("price");
        assertThat(c.servedAsRequested()).isTrue();
    }

    @Test
    void theProvidersReportedCostIsPreferredOverThePrice() throws Exception {
        ObjectNode body = OpenAiWire.completion(MODEL_ID, "hi", "stop", List.of());
        ((ObjectNode) body.get("usage")).put("cost", 0.0123);
        server.enqueue(OpenAiWire.json(body));

        client(FAST).complete(OpenAiWire.request("x"), null);

        assertThat(calls.get(0).costUsd()).isEqualTo(0.0123);
        assertThat(calls.get(0).costSource()).isEqualTo("provider");
    }

    @Test
    void deepSeekCacheHitTokensCountAsCached() {
        ObjectNode u = WireJson.MAPPER.createObjectNode().put("prompt_tokens", 100).put("completion_tokens", 10)
                .put("prompt_cache_hit_tokens", 60).put("prompt_cache_miss_tokens", 40);

        Usage usage = Usage.of(u, null);

        assertThat(usage.cachedTokens()).isEqualTo(60L);
        assertThat(usage.inputTokens()).isEqualTo(40L);
        assertThat(usage.costUsd()).isNull();
    }

    @Test
    void theKeyNeverAppearsInExceptionsOrModelCallsEvenWhenTheUpstreamEchoesIt() throws Exception {
        server.enqueue(OpenAiWire.error(401, "invalid api key " + KEY));

        UpstreamException e = catchThrowableOfType(() -> client(FAST).complete(OpenAiWire.request("x"), null),
                UpstreamException.class);

        assertThat(server.takeRequest().getHeader("Authorization")).contains(KEY);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("invalid api key").doesNotContain(KEY);
        assertThat(e.upstreamMessage()).doesNotContain(KEY);
        assertThat(WireJson.MAPPER.writeValueAsString(calls)).contains("invalid api key").doesNotContain(KEY);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void streamedChunksReachTheListenerOneByOneAsTheyArrive() throws Exception {
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(OpenAiWire.deltaChunk("reasoning_content", "thinking "));
        for (int i = 0; i < 8; i++) {
            chunks.add(OpenAiWire.deltaChunk("content", "part" + i + " "));
        }
        ObjectNode tool = OpenAiWire.deltaChunk("content", "");
        ((ObjectNode) tool.path("choices").get(0).get("delta")).putArray("tool_calls").addObject()
                .put("index", 0).put("id", "call_1").put("type", "function")
                .putObject("function").put("name", "run").put("arguments", "{\"comm");
        chunks.add(tool);
        ObjectNode tool2 = OpenAiWire.deltaChunk("content", "");
        ((ObjectNode) tool2.path("choices").get(0).get("delta")).putArray("tool_calls").addObject()
                .put("index", 0).putObject("function").put("arguments", "and\":\"ls\"}");
        ((ObjectNode) tool2.path("choices").get(0)).put("finish_reason", "tool_calls");
        chunks.add(tool2);
        ObjectNode usage = WireJson.MAPPER.createObjectNode().put("model", MODEL_ID);
        usage.putArray("choices");
        OpenAiWire.usage(usage, 50, 10, 30, 5);
        chunks.add(usage);
        // ~2.5 KB at 256 bytes per 100 ms: the body takes about a second to arrive.
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream")
                .setBody(OpenAiWire.sse(chunks)).throttleBody(256, 100, TimeUnit.MILLISECONDS));
        List<Long> arrivals = new ArrayList<>();
        long t0 = System.nanoTime();

        UpstreamResponse r = client(FAST).stream(OpenAiWire.request("x"), null,
                chunk -> arrivals.add((System.nanoTime() - t0) / 1_000_000));

        long totalMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(totalMs).isGreaterThan(700);
        assertThat(arrivals).hasSize(chunks.size());
        assertThat(arrivals.get(0)).isLessThan(totalMs - 500);
        JsonNode sent = WireJson.MAPPER.readTree(server.takeRequest().getBody().readUtf8());
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(r.message().path("content").asText()).startsWith("part0 part1").endsWith("part7 ");
        assertThat(r.message().path("reasoning_content").asText()).isEqualTo("thinking ");
        assertThat(r.message().path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"command\":\"ls\"}");
        assertThat(r.finishReason()).isEqualTo("tool_calls");
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.inputTokens()).isEqualTo(40L);
            assertThat(c.reasoningTokens()).isEqualTo(5L);
        });
    }

    @Test
    void aStreamIsRetriedBeforeItsFirstChunkButNotAfter() {
        server.enqueue(OpenAiWire.error(503, "warming up"));
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            padding.append("data: ").append(OpenAiWire.deltaChunk("content", "x".repeat(40))).append("\n\n");
        }
        String body = "data: " + OpenAiWire.deltaChunk("content", "first") + "\n\n" + padding;
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body)
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        server.enqueue(OpenAiWire.text("must not be requested"));
        List<JsonNode> got = new ArrayList<>();

        UpstreamException e = catchThrowableOfType(
                () -> client(FAST).stream(OpenAiWire.request("x"), in(Duration.ofSeconds(10)), got::add),
                UpstreamException.class);

        assertThat(got).isNotEmpty();
        assertThat(e.streamStarted()).isTrue();
        assertThat(e.retryable()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(calls).extracting(ModelCall::ok).containsExactly(false, false);
    }

    @Test
    void aListenerThatStopsReadingCancelsTheStream() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream")
                .setBody(OpenAiWire.sse(List.of(OpenAiWire.deltaChunk("content", "a"),
                        OpenAiWire.deltaChunk("content", "b")))));

        assertThatThrownBy(() -> client(FAST).stream(OpenAiWire.request("x"), null, chunk -> {
            throw new java.io.IOException("client went away");
        })).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CANCELLED);
            assertThat(e.getMessage()).contains("client went away");
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
