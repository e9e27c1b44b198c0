package dev.lanebench.runners.proxy.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.CollectingLog;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.lane.Price;
import dev.lanebench.runners.proxy.ProxyServer;
import dev.lanebench.runners.proxy.ProxySettings;
import dev.lanebench.runners.proxy.ScriptedUpstream;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagesFrontTest {
    static final String KEY_ENV = "TEST_UPSTREAM_KEY";
    static final String KEY = "sk-upstream-secret-0123456789";
    static final String MAIN = "z-ai/glm-5.2";
    static final String SMALL = "z-ai/glm-small";

    private final OkHttpClient cli = new OkHttpClient();
    private final CollectingLog log = new CollectingLog();
    private ScriptedUpstream upstream;
    private ProxyServer proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void start(Function<JsonNode, ScriptedUpstream.Answer> script, Integer laneMaxTokens) throws IOException {
        upstream = new ScriptedUpstream(script);
        EndpointSpec ep = new EndpointSpec(upstream.baseUrl(), KEY_ENV, Map.of(), Map.of());
        Price price = new Price(1.0, 2.0, 0.5);
        ProxySettings s = new ProxySettings(
                new Upstream("main", ep, new ModelSpec("e", MAIN, price, 4096)),
                new Upstream("small", ep, new ModelSpec("e", SMALL, price, 4096)),
                Map.of(KEY_ENV, KEY), RetryPolicy.none(), laneMaxTokens, ProxySettings.newToken(), 0, null);
        proxy = ProxyServer.start(s, log);
    }

    private ObjectNode request(String model, boolean stream) {
        ObjectNode r = WireJson.MAPPER.createObjectNode();
        r.put("model", model).put("max_tokens", 32000).put("stream", stream);
        r.putArray("system").addObject().put("type", "text").put("text", "x-anthropic-billing-header: cc_version=1");
        r.putArray("messages").addObject().put("role", "user").put("content", "hello");
        return r;
    }

    private Response post(String path, ObjectNode body, String auth) throws IOException {
        Request.Builder b = new Request.Builder().url(proxy.baseUrl() + path)
                .post(RequestBody.create(body.toString(), MediaType.get("application/json")));
        if (auth != null) {
            b.header("Authorization", "Bearer " + auth);
        }
        return cli.newCall(b.build()).execute();
    }

    /** Reads SSE events until the stream ends, or until {@code stopAfter} names the event just read. */
    private static List<JsonNode> events(BufferedSource src, String stopAfter) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        String line;
        while ((line = src.readUtf8Line()) != null) {
            if (line.startsWith("data: ")) {
                JsonNode e = WireJson.MAPPER.readTree(line.substring(6));
                out.add(e);
                if (stopAfter != null && stopAfter.equals(e.path("type").asText())) {
                    return out;
                }
            }
        }
        return out;
    }

    @Test
    void aStreamedAnswerReachesTheCliChunkByChunkBeforeTheUpstreamHasFinished() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        start(req -> ScriptedUpstream.Answer.text("Hello there").heldBy(hold), null);
        try (Response r = post("/v1/messages?beta=true", request(MAIN, true), proxy.token())) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/event-stream");
            // the upstream is holding back the rest of its answer: this only returns if the proxy did not buffer
            List<JsonNode> first = events(r.body().source(), "content_block_delta");
            assertThat(first.get(0).path("type").asText()).isEqualTo("message_start");
            assertThat(first.get(first.size() - 1).path("delta").path("text").asText()).isEqualTo("Hello");
            hold.countDown();
            List<JsonNode> rest = events(r.body().source(), null);
            assertThat(rest.get(rest.size() - 1).path("type").asText()).isEqualTo("message_stop");
            JsonNode md = rest.get(rest.size() - 2);
            assertThat(md.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
            assertThat(md.path("usage").path("output_tokens").asLong()).isEqualTo(10);
        }
        ModelCall call = log.calls.get(0);
        assertThat(call.ok()).isTrue();
        assertThat(call.role()).isEqualTo("main");
        assertThat(call.requestedModel()).isEqualTo(MAIN);
        assertThat(call.servedModel()).isEqualTo(MAIN);
        assertThat(call.inputTokens()).isEqualTo(80);
        assertThat(call.cachedTokens()).isEqualTo(20);
        assertThat(call.outputTokens()).isEqualTo(10);
        JsonNode sent = upstream.requests.get(0);
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(sent.toString()).doesNotContain("billing-header");
    }

    @Test
    void aNonStreamedRequestGetsAWholeAnthropicMessageWithToolUse() throws Exception {
        start(req -> ScriptedUpstream.Answer.tool("call_1", "Write", "{\"file_path\":\"a.txt\",\"content\":\"x\"}"), null);
        try (Response r = post("/v1/messages?beta=true", request(MAIN, false), proxy.token())) {
            assertThat(r.code()).isEqualTo(200);
            JsonNode msg = WireJson.MAPPER.readTree(r.body().string());
            assertThat(msg.path("type").asText()).isEqualTo("message");
            assertThat(msg.path("stop_reason").asText()).isEqualTo("tool_use");
            JsonNode use = msg.path("content").path(0);
            assertThat(use.path("type").asText()).isEqualTo("tool_use");
            assertThat(use.path("input").path("file_path").asText()).isEqualTo("a.txt");
            assertThat(msg.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(20);
        }
        assertThat(upstream.requests.get(0).has("stream")).isFalse();
        assertThat(log.okCalls()).hasSize(1);
    }

    @Test
    void toolCallsStreamAsToolUseBlocksWithTheirArguments() throws Exception {
        start(req -> ScriptedUpstream.Answer.tool("call_7", "Bash", "{\"command\":\"ls -la\"}"), null);
        try (Response r = post("/v1/messages", request(MAIN, true), proxy.token())) {
            List<JsonNode> ev = events(r.body().source(), null);
            JsonNode start = ev.stream().filter(e -> e.path("type").asText().equals("content_block_start")).findFirst().orElseThrow();
            assertThat(start.path("content_block").path("id").asText()).isEqualTo("call_7");
            StringBuilder json = new StringBuilder();
            ev.stream().filter(e -> e.path("delta").path("type").asText().equals("input_json_delta"))
                    .forEach(e -> json.append(e.path("delta").path("partial_json").asText()));
            assertThat(WireJson.MAPPER.readTree(json.toString()).path("command").asText()).isEqualTo("ls -la");
            assertThat(ev.get(ev.size() - 2).path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
        }
    }

    @Test
    void onlyTheLocalTokenIsAcceptedAndProbesAnswerWithoutOne() throws Exception {
        start(req -> ScriptedUpstream.Answer.text("hi"), null);
        try (Response r = post("/v1/messages", request(MAIN, false), null)) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(WireJson.MAPPER.readTree(r.body().string()).path("error").path("type").asText())
                    .isEqualTo("authentication_error");
        }
        try (Response r = post("/v1/messages", request(MAIN, false), KEY)) {
            assertThat(r.code()).isEqualTo(401);
        }
        assertThat(upstream.requests).isEmpty();
        Request viaApiKey = new Request.Builder().url(proxy.baseUrl() + "/v1/messages").header("x-api-key", proxy.token())
                .post(RequestBody.create(request(MAIN, false).toString(), MediaType.get("application/json"))).build();
        try (Response r = cli.newCall(viaApiKey).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        for (String[] probe : new String[][] {{"HEAD", "/"}, {"HEAD", "/api/hello"}, {"GET", "/api/hello"}}) {
            try (Response r = cli.newCall(new Request.Builder().url(proxy.baseUrl() + probe[1]).method(probe[0], null).build()).execute()) {
                assertThat(r.code()).as(probe[0] + " " + probe[1]).isEqualTo(200);
            }
        }
    }

    @Test
    void haikuRequestsGoToTheSmallModelAndEverythingElseToTheMainOne() throws Exception {
        start(req -> ScriptedUpstream.Answer.text("ok"), null);
        post("/v1/messages", request("claude-haiku-4-5-20251001", false), proxy.token()).close();
        post("/v1/messages", request("claude-sonnet-4-5", false), proxy.token()).close();
        post("/v1/messages", request(MAIN, false), proxy.token()).close();
        assertThat(upstream.requests.stream().map(r -> r.path("model").asText())).containsExactly(SMALL, MAIN, MAIN);
        assertThat(log.calls.stream().map(ModelCall::role)).containsExactly("small", "main", "main");
    }

    @Test
    void theLaneModelAlwaysMeansTheMainModelEvenWhenItIsAHaiku() {
        assertThat(ModelRouting.isSmall("anthropic/claude-haiku-4.5", "anthropic/claude-haiku-4.5")).isFalse();
        assertThat(ModelRouting.isSmall("claude-3-5-HAIKU-20241022", "anthropic/claude-haiku-4.5")).isTrue();
        assertThat(ModelRouting.isSmall(null, MAIN)).isFalse();
    }

    @Test
    void theUpstreamKeyGoesUpstreamButNeverBackToTheCliOrIntoTheLog() throws Exception {
        start(req -> ScriptedUpstream.Answer.error(401, "key " + KEY + " is revoked", Map.of()), null);
        try (Response r = post("/v1/messages", request(MAIN, false), proxy.token())) {
            String body = r.body().string();
            assertThat(r.code()).isEqualTo(401);
            assertThat(body).doesNotContain(KEY).contains("revoked");
            assertThat(r.headers().toString()).doesNotContain(KEY);
        }
        assertThat(upstream.requestHeaders.get(0).get("authorization").get(0)).isEqualTo("Bearer " + KEY);
        assertThat(log.dump()).doesNotContain(KEY);
        assertThat(proxy.toString() + proxy.baseUrl()).doesNotContain(KEY);
    }

    @Test
    void aRateLimitIsPassedOnWithItsRetryAfter() throws Exception {
        start(req -> ScriptedUpstream.Answer.error(429, "slow down", Map.of("Retry-After", "3")), null);
        try (Response r = post("/v1/messages", request(MAIN, true), proxy.token())) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.header("retry-after")).isEqualTo("3");
            assertThat(WireJson.MAPPER.readTree(r.body().string()).path("error").path("type").asText())
                    .isEqualTo("rate_limit_error");
        }
        assertThat(log.calls).hasSize(1);
        assertThat(log.calls.get(0).ok()).isFalse();
        assertThat(log.calls.get(0).status()).isEqualTo(429);
    }

    @Test
    void upstreamFailuresKeepTheStatusThatMakesTheCliDoTheRightThing() throws Exception {
        int[] status = {400};
        start(req -> ScriptedUpstream.Answer.error(status[0], "nope", Map.of()), null);
        for (int[] pair : new int[][] {{400, 400}, {503, 529}, {500, 500}, {402, 500}, {404, 404}}) {
            status[0] = pair[0];
            try (Response r = post("/v1/messages", request(MAIN, false), proxy.token())) {
                assertThat(r.code()).as("upstream " + pair[0]).isEqualTo(pair[1]);
            }
        }
    }

    @Test
    void anUnreachableUpstreamIsARetryableServerError() throws Exception {
        start(req -> ScriptedUpstream.Answer.text("never"), null);
        upstream.close();
        try (Response r = post("/v1/messages", request(MAIN, false), proxy.token())) {
            assertThat(r.code()).isEqualTo(502);
            assertThat(WireJson.MAPPER.readTree(r.body().string()).path("error").path("type").asText()).isEqualTo("api_error");
        }
        assertThat(log.calls.get(0).status()).isZero();
    }

    @Test
    void aStreamThatBreaksMidAnswerEndsWithAnErrorEvent() throws Exception {
        start(req -> ScriptedUpstream.Answer.text("Hello there").broken(), null);
        try (Response r = post("/v1/messages", request(MAIN, true), proxy.token())) {
            assertThat(r.code()).isEqualTo(200);
            List<JsonNode> ev = events(r.body().source(), null);
            assertThat(ev.get(ev.size() - 1).path("type").asText()).isEqualTo("error");
            assertThat(ev.stream().map(e -> e.path("type").asText())).doesNotContain("message_stop");
        }
        assertThat(log.calls.get(0).ok()).isFalse();
    }

    @Test
    void maxTokensIsClampedToTheLaneAndTheModelLimit() throws Exception {
        start(req -> ScriptedUpstream.Answer.text("ok"), 1000);
        post("/v1/messages", request(MAIN, false), proxy.token()).close();
        assertThat(upstream.requests.get(0).path("max_tokens").asInt()).isEqualTo(1000);
        proxy.close();
        upstream.close();
        start(req -> ScriptedUpstream.Answer.text("ok"), null);
        post("/v1/messages", request(MAIN, false), proxy.token()).close();
        assertThat(upstream.requests.get(0).path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void countTokensAnswersWithAnEstimateWithoutCallingUpstream() throws Exception {
        start(req -> ScriptedUpstream.Answer.text("never"), null);
        ObjectNode req = request(MAIN, false);
        req.withArray("messages").addObject().put("role", "user").put("content", "x".repeat(4000));
        try (Response r = post("/v1/messages/count_tokens?beta=true", req, proxy.token())) {
            assertThat(r.code()).isEqualTo(200);
            long n = WireJson.MAPPER.readTree(r.body().string()).path("input_tokens").asLong();
            assertThat(n).isBetween(1000L, 1200L);
        }
        assertThat(upstream.requests).isEmpty();
    }

    @Test
    void garbageAndUnknownPathsGetAnthropicErrors() throws Exception {
        start(req -> ScriptedUpstream.Answer.text("never"), null);
        Request garbage = new Request.Builder().url(proxy.baseUrl() + "/v1/messages").header("Authorization", "Bearer " + proxy.token())
                .post(RequestBody.create("not json", MediaType.get("application/json"))).build();
        try (Response r = cli.newCall(garbage).execute()) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(WireJson.MAPPER.readTree(r.body().string()).path("error").path("type").asText())
                    .isEqualTo("invalid_request_error");
        }
        try (Response r = post("/v1/complete", request(MAIN, false), proxy.token())) {
            assertThat(r.code()).isEqualTo(404);
        }
        assertThat(upstream.requests).isEmpty();
    }
}
