package dev.lanebench.runners.proxy.responses;

import static dev.lanebench.runners.proxy.UpstreamChunks.call;
import static dev.lanebench.runners.proxy.UpstreamChunks.delta;
import static dev.lanebench.runners.proxy.UpstreamChunks.finish;
import static dev.lanebench.runners.proxy.UpstreamChunks.usage;
import static dev.lanebench.runners.proxy.UpstreamChunks.whole;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.proxy.ProxyFixture;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Responses front through real HTTP: what the codex CLI gets for each kind of upstream answer. */
class ResponsesFrontTest {
    private ProxyFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static ObjectNode request(boolean stream) throws IOException {
        ObjectNode r = json("{'model':'glm-5.2','input':[{'type':'message','role':'user','content':[{'type':'input_text','text':'hi'}]}],"
                + "'tools':[{'type':'function','name':'exec_command','parameters':{'type':'object','properties':{'cmd':{'type':'string'}}}},"
                + "{'type':'custom','name':'apply_patch','description':'Edits files.','format':{'type':'grammar','syntax':'lark','definition':'start: x'}},"
                + "{'type':'namespace','name':'multi_agent_v1','tools':[{'type':'function','name':'close_agent','parameters':{'type':'object'}}]}],"
                + "'tool_choice':'auto','parallel_tool_calls':true,'store':false}");
        r.put("stream", stream);
        return r;
    }

    private static ObjectNode json(String s) throws IOException {
        return (ObjectNode) WireJson.MAPPER.readTree(s.replace('\'', '"'));
    }

    private ObjectNode streamed(Answer answer) throws IOException {
        fx = new ProxyFixture(req -> answer);
        ProxyFixture.Reply r = fx.post("/v1/responses", request(true));
        assertThat(r.status()).isEqualTo(200);
        return ResponsesStreamRules.check(r.events());
    }

    @Test
    void aStreamedAnswerFollowsTheStreamRulesAndEndsCompletedWithUsage() throws IOException {
        ObjectNode done = streamed(Answer.raw(null, delta("{'role':'assistant','content':''}"), delta("{'content':'Hel'}"),
                delta("{'content':'lo'}"), finish("stop"), usage("{'prompt_tokens':100,'completion_tokens':12,"
                        + "'prompt_tokens_details':{'cached_tokens':40},'completion_tokens_details':{'reasoning_tokens':5}}")));
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("output")).hasSize(1);
        assertThat(done.get("output").get(0).get("content").get(0).get("text").asText()).isEqualTo("Hello");
        JsonNode u = done.get("usage");
        assertThat(u.get("input_tokens").asLong()).isEqualTo(100);
        assertThat(u.get("input_tokens_details").get("cached_tokens").asLong()).isEqualTo(40);
        assertThat(u.get("output_tokens").asLong()).isEqualTo(12);
        assertThat(u.get("output_tokens_details").get("reasoning_tokens").asLong()).isEqualTo(5);
        assertThat(u.get("total_tokens").asLong()).isEqualTo(112);
        ModelCall call = fx.log.calls.get(0);
        assertThat(call.ok()).isTrue();
        assertThat(call.role()).isEqualTo("main");
        assertThat(call.requestedModel()).isEqualTo(ProxyFixture.MAIN);
        assertThat(call.servedModel()).isEqualTo(ProxyFixture.MAIN);
        assertThat(call.inputTokens()).isEqualTo(60);
        assertThat(call.cachedTokens()).isEqualTo(40);
        assertThat(call.outputTokens()).isEqualTo(12);
        assertThat(call.costUsd()).isPositive();
        assertThat(fx.sent().path("model").asText()).isEqualTo(ProxyFixture.MAIN);
    }

    @Test
    void aWholeAnswerIsOneResponseObject() throws IOException {
        fx = new ProxyFixture(req -> Answer.tool("call_1", "exec_command", "{\"cmd\":\"ls\"}"));
        ProxyFixture.Reply r = fx.post("/v1/responses", request(false));
        assertThat(r.status()).isEqualTo(200);
        JsonNode resp = r.json();
        assertThat(resp.get("object").asText()).isEqualTo("response");
        assertThat(resp.get("status").asText()).isEqualTo("completed");
        assertThat(resp.has("previous_response_id")).isFalse();
        JsonNode item = resp.get("output").get(0);
        assertThat(item.get("type").asText()).isEqualTo("function_call");
        assertThat(item.get("call_id").asText()).isEqualTo("call_1");
        assertThat(item.get("name").asText()).isEqualTo("exec_command");
        assertThat(item.get("arguments").asText()).isEqualTo("{\"cmd\":\"ls\"}");
        assertThat(resp.get("usage").get("input_tokens").asLong()).isEqualTo(100);
        assertThat(fx.sent().has("stream")).isFalse();
    }

    @Test
    void parallelCallsNumberedZeroOrNotNumberedAreSeparateFunctionCalls() throws IOException {
        ObjectNode done = streamed(Answer.raw(null,
                call(0, "call_a", "exec_command", ""), call(0, null, null, "{\"cmd\":\"ls\"}"),
                call(0, "call_b", "exec_command", "{\"cmd\":\"pwd\"}"), finish("tool_calls")));
        assertThat(done.get("output").findValuesAsText("call_id")).containsExactly("call_a", "call_b");
        assertThat(done.get("output").get(1).get("arguments").asText()).isEqualTo("{\"cmd\":\"pwd\"}");
        fx.close();
        ObjectNode noIndex = streamed(Answer.raw(null, call(null, null, "exec_command", "{\"cmd\":\"ls\"}"),
                call(null, null, "exec_command", "{\"cmd\":\"pwd\"}"), finish("stop")));
        assertThat(noIndex.get("output")).hasSize(2);
        assertThat(noIndex.get("output").get(0).get("call_id").asText())
                .isNotEqualTo(noIndex.get("output").get(1).get("call_id").asText());
    }

    @Test
    void argumentsArrivingOnlyAtTheEndAreNotSentAsAnEmptyObject() throws IOException {
        ObjectNode done = streamed(Answer.raw(null, call(0, "call_a", "exec_command", ""),
                "{'id':'gen-1','model':'z-ai/glm-5.2','choices':[{'index':0,'delta':{'tool_calls':[{'index':0,"
                        + "'function':{'arguments':'{\\'cmd\\':\\'make test\\'}'}}]},'finish_reason':'tool_calls'}]}"));
        assertThat(done.get("output").get(0).get("arguments").asText()).isEqualTo("{\"cmd\":\"make test\"}");
    }

    @Test
    void applyPatchRoundTripsAsACustomToolCall() throws IOException {
        String patch = "*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\n";
        String args = WireJson.MAPPER.createObjectNode().put("input", patch).toString();
        ObjectNode done = streamed(Answer.tool("call_p", "apply_patch", args));
        JsonNode item = done.get("output").get(0);
        assertThat(item.get("type").asText()).isEqualTo("custom_tool_call");
        assertThat(item.get("name").asText()).isEqualTo("apply_patch");
        assertThat(item.get("input").asText()).isEqualTo(patch);
        assertThat(item.has("arguments")).isFalse();
        JsonNode tool = fx.sent().path("tools").path(1).path("function");
        assertThat(tool.path("name").asText()).isEqualTo("apply_patch");
        assertThat(tool.path("parameters").path("properties").has("input")).isTrue();
        // the next turn: the call and its output go back as a tool call and a tool message
        ObjectNode next = request(false);
        next.withArray("input").add(item);
        next.withArray("input").addObject().put("type", "custom_tool_call_output").put("call_id", "call_p")
                .put("output", "Success. Updated the following files:\nA a.txt\n");
        ProxyFixture.Reply r = fx.post("/v1/responses", next);
        assertThat(r.status()).isEqualTo(200);
        JsonNode msgs = fx.sent().path("messages");
        assertThat(msgs.get(1).path("tool_calls").path(0).path("function").path("arguments").asText()).isEqualTo(args);
        assertThat(msgs.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(msgs.get(2).path("tool_call_id").asText()).isEqualTo("call_p");
    }

    @Test
    void aModelThatWritesThePatchAsPlainArgumentsStillGivesACustomCall() {
        assertThat(ResponsesShape.customInput("*** Begin Patch\n*** End Patch")).isEqualTo("*** Begin Patch\n*** End Patch");
        assertThat(ResponsesShape.customInput("{\"input\":\"x\"}")).isEqualTo("x");
    }

    @Test
    void aNamespacedCallComesBackWithItsNamespace() throws IOException {
        JsonNode item = streamed(Answer.tool("call_n", "multi_agent_v1__close_agent", "{\"target\":\"a\"}"))
                .get("output").get(0);
        assertThat(item.get("type").asText()).isEqualTo("function_call");
        assertThat(item.get("namespace").asText()).isEqualTo("multi_agent_v1");
        assertThat(item.get("name").asText()).isEqualTo("close_agent");
    }

    @Test
    void reasoningStreamsAsAReasoningItemThatBringsItselfBackNextTurn() throws IOException {
        ObjectNode done = streamed(Answer.raw(null, delta("{'reasoning_content':'Think '}"),
                delta("{'reasoning_content':'first.'}"), delta("{'content':'Answer.'}"), finish("stop")));
        JsonNode reasoning = done.get("output").get(0);
        assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.get("content").get(0).get("text").asText()).isEqualTo("Think first.");
        assertThat(ResponsesShape.fromEncryptedContent(reasoning.get("encrypted_content").asText()).text())
                .isEqualTo("Think first.");
        assertThat(done.get("output").get(1).get("type").asText()).isEqualTo("message");
    }

    @Test
    void anAnswerCutAtTheLengthLimitIsIncompleteAndKeepsItsUsage() throws IOException {
        ObjectNode done = streamed(Answer.raw(null, delta("{'content':'partial'}"), finish("length"),
                usage("{'prompt_tokens':50,'completion_tokens':4096}")));
        assertThat(done.get("status").asText()).isEqualTo("incomplete");
        assertThat(done.get("incomplete_details").get("reason").asText()).isEqualTo("max_output_tokens");
        assertThat(done.get("usage").get("output_tokens").asLong()).isEqualTo(4096);
        fx.close();
        fx = new ProxyFixture(req -> Answer.raw(whole("{'role':'assistant','content':'partial'}", "length",
                "{'prompt_tokens':50,'completion_tokens':4096}")));
        JsonNode whole = fx.post("/v1/responses", request(false)).json();
        assertThat(whole.get("status").asText()).isEqualTo("incomplete");
        assertThat(whole.get("usage").get("output_tokens").asLong()).isEqualTo(4096);
    }

    @Test
    void aRefusalIsARefusalContentPart() throws IOException {
        ObjectNode done = streamed(Answer.raw(null, delta("{'refusal':'I cannot do that.'}"), finish("stop")));
        JsonNode part = done.get("output").get(0).get("content").get(0);
        assertThat(part.get("type").asText()).isEqualTo("refusal");
        assertThat(part.get("refusal").asText()).isEqualTo("I cannot do that.");
    }

    @Test
    void textNextToAnEmptyToolCallListStaysAMessage() throws IOException {
        ObjectNode done = streamed(Answer.raw(null, delta("{'content':'Done.','tool_calls':[]}"), finish("tool_calls")));
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("output")).hasSize(1);
        assertThat(done.get("output").get(0).get("type").asText()).isEqualTo("message");
    }

    @Test
    void textIsForwardedBeforeTheUpstreamHasFinished() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        fx = new ProxyFixture(req -> Answer.text("Hello there").heldBy(hold));
        Request req = new Request.Builder().url(fx.proxy.openAiBaseUrl() + "/responses")
                .header("Authorization", "Bearer " + fx.proxy.token())
                .post(RequestBody.create(request(true).toString(), MediaType.get("application/json"))).build();
        try (Response r = new OkHttpClient().newCall(req).execute()) {
            BufferedSource src = r.body().source();
            String line;
            String firstDelta = null;
            while (firstDelta == null && (line = src.readUtf8Line()) != null) {
                if (line.startsWith("data: ") && line.contains("response.output_text.delta")) {
                    firstDelta = WireJson.MAPPER.readTree(line.substring(6)).path("delta").asText();
                }
            }
            assertThat(firstDelta).isEqualTo("Hello");
            hold.countDown();
            assertThat(src.readUtf8()).contains("response.completed");
        }
    }

    // --- failures ---

    @Test
    void aRateLimitBeforeTheAnswerIsA429WithRetryAfterInTheOpenAiShape() throws IOException {
        fx = new ProxyFixture(req -> Answer.error(429, "slow down", Map.of("Retry-After", "4")));
        ProxyFixture.Reply r = fx.post("/v1/responses", request(true));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().get("retry-after")).isEqualTo("4");
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(r.json().path("error").path("message").asText()).contains("slow down");
        assertThat(fx.log.calls.get(0).ok()).isFalse();
        assertThat(fx.log.calls.get(0).status()).isEqualTo(429);
    }

    @Test
    void upstreamFailuresKeepTheStatusAndCodeThatMakeCodexRetryOrStop() throws IOException {
        int[] status = {400};
        String[] message = {"bad"};
        fx = new ProxyFixture(req -> Answer.error(status[0], message[0], Map.of()));
        Object[][] cases = {
            {400, "bad tool", 400, "invalid_request"},
            {400, "This model's maximum context length is 8192 tokens", 400, "context_length_exceeded"},
            {503, "busy", 529, "server_is_overloaded"},
            {500, "oops", 500, "server_error"},
            {401, "bad key", 401, "invalid_api_key"},
        };
        for (Object[] c : cases) {
            status[0] = (int) c[0];
            message[0] = (String) c[1];
            ProxyFixture.Reply r = fx.post("/v1/responses", request(false));
            assertThat(r.status()).as(c[1].toString()).isEqualTo(c[2]);
            assertThat(r.json().path("error").path("code").asText()).as(c[1].toString()).isEqualTo(c[3]);
        }
    }

    @Test
    void aStreamThatBreaksMidAnswerEndsWithResponseFailed() throws IOException {
        ObjectNode done = streamed(Answer.text("Hello there").broken());
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").get("code").asText()).isEqualTo("server_error");
        assertThat(fx.log.calls.get(0).ok()).isFalse();
    }

    @Test
    void malformedOversizedAndUnauthorisedRequestsGetOpenAiErrors() throws IOException {
        fx = new ProxyFixture(req -> Answer.text("never"), m -> m, s -> s.withMaxBodyBytes(4096));
        ProxyFixture.Reply bad = fx.post("/v1/responses", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":3}]}", Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("message").asText()).startsWith("input.0.content:");
        assertThat(bad.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        ProxyFixture.Reply notJson = fx.post("/v1/responses", "not json", Map.of());
        assertThat(notJson.status()).isEqualTo(400);
        ObjectNode big = request(false);
        big.put("instructions", "x".repeat(5000));
        ProxyFixture.Reply tooBig = fx.post("/v1/responses", big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().path("error").path("code").asText()).isEqualTo("request_too_large");
        ProxyFixture.Reply unauthorised = fx.post("/v1/responses", request(false).toString(),
                Map.of("Authorization", "Bearer " + ProxyFixture.KEY));
        assertThat(unauthorised.status()).isEqualTo(401);
        assertThat(unauthorised.json().path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(fx.upstream.requests).isEmpty();
    }

    @Test
    void theUpstreamKeyNeverReachesTheClientOrTheLog() throws IOException {
        fx = new ProxyFixture(req -> Answer.error(401, "key " + ProxyFixture.KEY + " is revoked", Map.of()));
        ProxyFixture.Reply r = fx.post("/v1/responses", request(true));
        assertThat(r.json().toString()).doesNotContain(ProxyFixture.KEY).contains("revoked");
        assertThat(fx.upstream.requestHeaders.get(0).get("authorization").get(0)).isEqualTo("Bearer " + ProxyFixture.KEY);
        assertThat(fx.log.dump()).doesNotContain(ProxyFixture.KEY);
        List<String> names = fx.upstream.requestHeaders.get(0).keySet().stream().map(String::toLowerCase).toList();
        assertThat(names).doesNotContain("session-id", "x-codex-turn-metadata", "originator");
    }
}
