package dev.lanebench.runners.proxy.messages;

import static dev.lanebench.runners.proxy.UpstreamChunks.call;
import static dev.lanebench.runners.proxy.UpstreamChunks.delta;
import static dev.lanebench.runners.proxy.UpstreamChunks.finish;
import static dev.lanebench.runners.proxy.UpstreamChunks.usage;
import static dev.lanebench.runners.proxy.UpstreamChunks.whole;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.proxy.ProxyFixture;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Messages front held against what the official Anthropic SDK and real clients demand, and against the
 * known pitfalls of Messages-to-chat bridges: each test one rule, through real HTTP.
 */
class MessagesConformanceTest {
    private ProxyFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static ObjectNode request(boolean stream) {
        ObjectNode r = WireJson.MAPPER.createObjectNode();
        r.put("model", ProxyFixture.MAIN).put("max_tokens", 1000).put("stream", stream);
        r.putArray("messages").addObject().put("role", "user").put("content", "hello");
        return r;
    }

    private static ObjectNode json(String s) throws IOException {
        return (ObjectNode) WireJson.MAPPER.readTree(s.replace('\'', '"'));
    }

    private ObjectNode streamed(Answer answer) throws IOException {
        fx = new ProxyFixture(req -> answer);
        ProxyFixture.Reply r = fx.post("/v1/messages?beta=true", request(true));
        assertThat(r.status()).isEqualTo(200);
        return AnthropicStreamRules.accumulate(r.events());
    }

    // --- parallel tool calls an upstream numbers 0, or not at all ---

    @Test
    void parallelToolCallsAllNumberedZeroBecomeSeparateToolUseBlocksTheSdkAccepts() throws IOException {
        ObjectNode msg = streamed(Answer.raw(null,
                call(0, "call_a", "Read", ""), call(0, null, null, "{\"file_path\":\"a.txt\"}"),
                call(0, "call_b", "Read", ""), call(0, null, null, "{\"file_path\":\"b.txt\"}"),
                finish("tool_calls")));
        JsonNode content = msg.get("content");
        assertThat(content).hasSize(2);
        assertThat(content.get(0).get("id").asText()).isEqualTo("call_a");
        assertThat(content.get(0).get("input").get("file_path").asText()).isEqualTo("a.txt");
        assertThat(content.get(1).get("id").asText()).isEqualTo("call_b");
        assertThat(content.get(1).get("name").asText()).isEqualTo("Read");
        assertThat(content.get(1).get("input").get("file_path").asText()).isEqualTo("b.txt");
        assertThat(msg.get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void parallelToolCallsWithoutIndexOrIdEachSentWholeStaySeparate() throws IOException {
        ObjectNode msg = streamed(Answer.raw(null,
                call(null, null, "Read", "{\"file_path\":\"a.txt\"}"),
                call(null, null, "Bash", "{\"command\":\"ls\"}"),
                finish("stop")));
        JsonNode content = msg.get("content");
        assertThat(content).hasSize(2);
        assertThat(content.get(0).get("name").asText()).isEqualTo("Read");
        assertThat(content.get(1).get("name").asText()).isEqualTo("Bash");
        assertThat(content.get(1).get("input").get("command").asText()).isEqualTo("ls");
        assertThat(content.get(0).get("id").asText()).isNotEqualTo(content.get(1).get("id").asText());
        assertThat(msg.get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void toolArgumentsThatArriveOnlyAtTheEndAreNotSentAsAnEmptyObject() throws IOException {
        ObjectNode msg = streamed(Answer.raw(null,
                delta("{'content':'Let me look.'}"),
                call(0, "call_a", "Read", ""),
                "{'id':'gen-1','model':'z-ai/glm-5.2','choices':[{'index':0,'delta':{'tool_calls':[{'index':0,"
                        + "'function':{'arguments':'{\\'file_path\\':\\'late.txt\\'}'}}]},'finish_reason':'tool_calls'}]}"));
        assertThat(msg.get("content").get(0).get("text").asText()).isEqualTo("Let me look.");
        assertThat(msg.get("content").get(1).get("input").get("file_path").asText()).isEqualTo("late.txt");
    }

    @Test
    void textNextToAnEmptyToolCallListStaysTextAndEndsTheTurn() throws IOException {
        ObjectNode msg = streamed(Answer.raw(null,
                delta("{'content':'All done.','tool_calls':[]}"), finish("tool_calls")));
        assertThat(msg.get("content")).hasSize(1);
        assertThat(msg.get("content").get(0).get("text").asText()).isEqualTo("All done.");
        assertThat(msg.get("stop_reason").asText()).isEqualTo("end_turn");
        fx.close();
        fx = new ProxyFixture(req -> Answer.raw(whole("{'role':'assistant','content':'All done.','tool_calls':[]}",
                "tool_calls", "{'prompt_tokens':1,'completion_tokens':1}")));
        JsonNode whole = fx.post("/v1/messages", request(false)).json();
        assertThat(whole.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(whole.get("content").get(0).get("text").asText()).isEqualTo("All done.");
    }

    @Test
    void toolCallsStopForToolUseEvenWhenTheUpstreamSaysStop() throws IOException {
        ObjectNode msg = streamed(Answer.raw(null, call(0, "c1", "Bash", "{\"command\":\"ls\"}"), finish("stop")));
        assertThat(msg.get("stop_reason").asText()).isEqualTo("tool_use");
    }

    // --- malformed requests ---

    @Test
    void malformedRequestsAreRejectedWithA400NamingTheField() throws IOException {
        fx = new ProxyFixture(req -> Answer.text("never"));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{'model':'m','max_tokens':10,'messages':[]}", "messages:");
        cases.put("{'model':'m','max_tokens':10,'messages':[{'role':'user','content':42}]}", "messages.0.content:");
        cases.put("{'model':'m','max_tokens':10,'messages':[{'role':'user','content':{'text':'x'}}]}", "messages.0.content:");
        cases.put("{'model':'m','messages':[{'role':'user','content':'x'}]}", "max_tokens: Field required");
        cases.put("{'model':'m','max_tokens':'100','messages':[{'role':'user','content':'x'}]}", "max_tokens:");
        cases.put("{'model':'m','max_tokens':10.5,'messages':[{'role':'user','content':'x'}]}", "max_tokens:");
        cases.put("{'model':'m','max_tokens':10,'temperature':'hot','messages':[{'role':'user','content':'x'}]}", "temperature:");
        cases.put("{'model':'m','max_tokens':10,'tools':{'name':'x'},'messages':[{'role':'user','content':'x'}]}", "tools:");
        cases.put("{'model':'m','max_tokens':10,'system':7,'messages':[{'role':'user','content':'x'}]}", "system:");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            ProxyFixture.Reply r = fx.post("/v1/messages", json(c.getKey()));
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.json().path("type").asText()).isEqualTo("error");
            assertThat(r.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(r.json().path("error").path("message").asText()).as(c.getKey()).startsWith(c.getValue());
        }
        assertThat(fx.upstream.requests).isEmpty();
    }

    @Test
    void aBodyOverTheCapIsA413NotAJsonError() throws IOException {
        fx = new ProxyFixture(req -> Answer.text("never"), m -> m, s -> s.withMaxBodyBytes(2048));
        ObjectNode big = request(false);
        big.withArray("messages").addObject().put("role", "user").put("content", "x".repeat(5000));
        ProxyFixture.Reply r = fx.post("/v1/messages", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").path("type").asText()).isEqualTo("request_too_large");
        assertThat(r.json().path("error").path("message").asText()).contains("2048");
        assertThat(fx.post("/v1/messages", request(false)).status()).isEqualTo(200);
        assertThat(fx.upstream.requests).hasSize(1);
    }

    // --- what the upstream says back ---

    @Test
    void anUpstreamRefusalIsStopReasonRefusalWithItsText() throws IOException {
        ObjectNode msg = streamed(Answer.raw(null, delta("{'refusal':'I cannot help with that.'}"), finish("stop")));
        assertThat(msg.get("stop_reason").asText()).isEqualTo("refusal");
        assertThat(msg.get("content").get(0).get("text").asText()).isEqualTo("I cannot help with that.");
        fx.close();
        fx = new ProxyFixture(req -> Answer.raw(whole("{'role':'assistant','content':null,'refusal':'No.'}", "stop",
                "{'prompt_tokens':1,'completion_tokens':1}")));
        JsonNode whole = fx.post("/v1/messages", request(false)).json();
        assertThat(whole.get("stop_reason").asText()).isEqualTo("refusal");
        assertThat(whole.get("content").get(0).get("text").asText()).isEqualTo("No.");
        fx.close();
        fx = new ProxyFixture(req -> Answer.raw(null, delta("{'content':'partial'}"), finish("content_filter")));
        assertThat(AnthropicStreamRules.accumulate(fx.post("/v1/messages", request(true)).events())
                .get("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void toolNamesOver64CharactersAreShortenedUpstreamAndRestoredForTheCli() throws IOException {
        String longName = "mcp__a_very_long_server_name_for_testing__and_an_even_longer_tool_name_here";
        String[] sentName = new String[1];
        fx = new ProxyFixture(req -> {
            sentName[0] = req.path("tools").path(0).path("function").path("name").asText();
            return Answer.tool("call_1", sentName[0], "{}");
        });
        ObjectNode req = request(true);
        req.putArray("tools").addObject().put("name", longName).putObject("input_schema").put("type", "object");
        ObjectNode msg = AnthropicStreamRules.accumulate(fx.post("/v1/messages", req).events());
        assertThat(sentName[0]).hasSizeLessThanOrEqualTo(64).startsWith("mcp__a_very_long");
        assertThat(msg.get("content").get(0).get("name").asText()).isEqualTo(longName);
        // the same name in an earlier turn goes up shortened the same way
        req.put("stream", false);
        req.withArray("messages").addObject().put("role", "assistant").putArray("content").addObject()
                .put("type", "tool_use").put("id", "call_0").put("name", longName).putObject("input");
        req.withArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", "call_0").put("content", "ok");
        JsonNode whole = fx.post("/v1/messages", req).json();
        assertThat(whole.get("content").get(0).get("name").asText()).isEqualTo(longName);
        assertThat(fx.sent().path("messages").path(1).path("tool_calls").path(0).path("function").path("name").asText())
                .isEqualTo(sentName[0]);
    }

    @Test
    void aThinkingBudgetBecomesReasoningEffortOnlyForAReasoningModel() throws IOException {
        ObjectNode req = request(false);
        req.putObject("thinking").put("type", "enabled").put("budget_tokens", 20000);
        req.putObject("metadata").put("user_id", "user_abc");
        fx = new ProxyFixture(r -> Answer.text("ok"), m -> new ModelSpec(m.endpoint(), m.id(), m.price(),
                m.maxOutputTokens(), null, true, null), s -> s);
        fx.post("/v1/messages", req);
        assertThat(fx.sent().path("reasoning_effort").asText()).isEqualTo("high");
        assertThat(fx.sent().path("user").asText()).isEqualTo("user_abc");
        fx.close();
        fx = new ProxyFixture(r -> Answer.text("ok"));
        fx.post("/v1/messages", req);
        assertThat(fx.sent().has("reasoning_effort")).isFalse();
        assertThat(fx.sent().has("thinking")).isFalse();
        assertThat(MessagesRequest.reasoningEffort(json("{'type':'enabled','budget_tokens':1024}"))).isEqualTo("low");
        assertThat(MessagesRequest.reasoningEffort(json("{'type':'enabled','budget_tokens':8000}"))).isEqualTo("medium");
        assertThat(MessagesRequest.reasoningEffort(json("{'type':'disabled'}"))).isNull();
    }

    @Test
    void aPdfGoesUpAsAFilePartWhereTheModelTakesOneAndIsA400WhereNot() throws IOException {
        ObjectNode req = request(false);
        ObjectNode doc = req.withArray("messages").addObject().put("role", "user").putArray("content").addObject();
        doc.put("type", "document").put("title", "spec.pdf").putObject("source").put("type", "base64")
                .put("media_type", "application/pdf").put("data", "JVBERi0xLjQ=");
        fx = new ProxyFixture(r -> Answer.text("ok"));
        ProxyFixture.Reply refused = fx.post("/v1/messages", req);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("message").asText()).contains("PDFs are not supported by this model");
        assertThat(fx.upstream.requests).isEmpty();
        fx.close();
        fx = new ProxyFixture(r -> Answer.text("ok"), m -> new ModelSpec(m.endpoint(), m.id(), m.price(),
                m.maxOutputTokens(), null, null, true), s -> s);
        assertThat(fx.post("/v1/messages", req).status()).isEqualTo(200);
        JsonNode file = fx.sent().path("messages").path(1).path("content").path(0);
        assertThat(file.path("type").asText()).isEqualTo("file");
        assertThat(file.path("file").path("filename").asText()).isEqualTo("spec.pdf");
        assertThat(file.path("file").path("file_data").asText()).isEqualTo("data:application/pdf;base64,JVBERi0xLjQ=");
    }

    @Test
    void cacheWritesAndDeepSeekCacheHitsReachTheCliAsAnthropicCacheTokens() throws IOException {
        fx = new ProxyFixture(r -> Answer.raw(whole("{'role':'assistant','content':'ok'}", "stop",
                "{'prompt_tokens':1000,'completion_tokens':5,'prompt_tokens_details':{'cached_tokens':600,'cache_write_tokens':300}}"),
                delta("{'content':'ok'}"), finish("stop"),
                usage("{'prompt_tokens':1000,'completion_tokens':5,'prompt_cache_hit_tokens':700,'prompt_cache_miss_tokens':300}")));
        JsonNode u = fx.post("/v1/messages", request(false)).json().get("usage");
        assertThat(u.get("cache_read_input_tokens").asLong()).isEqualTo(600);
        assertThat(u.get("cache_creation_input_tokens").asLong()).isEqualTo(300);
        assertThat(u.get("input_tokens").asLong()).isEqualTo(100);
        JsonNode s = AnthropicStreamRules.accumulate(fx.post("/v1/messages", request(true)).events()).get("usage");
        assertThat(s.get("cache_read_input_tokens").asLong()).isEqualTo(700);
        assertThat(s.get("input_tokens").asLong()).isEqualTo(300);
        assertThat(fx.log.calls.get(1).cachedTokens()).isEqualTo(700);
    }

    // --- what the client sends ---

    @Test
    void countTokensWithTheBetaQueryAnswers() throws IOException {
        fx = new ProxyFixture(r -> Answer.text("never"));
        ProxyFixture.Reply r = fx.post("/v1/messages/count_tokens?beta=true", request(false));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("input_tokens").asLong()).isPositive();
    }

    @Test
    void anthropicBetaAndOtherClientHeadersAreNeverForwarded() throws IOException {
        fx = new ProxyFixture(r -> Answer.text("ok"));
        fx.post("/v1/messages?beta=true", request(false).toString(), Map.of("anthropic-beta",
                "interleaved-thinking-2025-05-14,context-management-2025-06-27", "anthropic-version", "2023-06-01",
                "x-app", "cli"));
        var headers = fx.upstream.requestHeaders.get(0);
        assertThat(headers.keySet().stream().map(String::toLowerCase))
                .doesNotContain("anthropic-beta", "anthropic-version", "x-app");
        assertThat(fx.sent().has("betas")).isFalse();
    }

    @Test
    void schemaKeywordsSomeUpstreamsRejectAreStrippedButPropertiesNamedLikeThemStay() throws IOException {
        fx = new ProxyFixture(r -> Answer.text("ok"));
        ObjectNode req = request(false);
        req.putArray("tools").addObject().put("name", "Tool").set("input_schema", json(
                "{'$schema':'http://json-schema.org/draft-07/schema#','type':'object','propertyNames':{'pattern':'^a'},"
                        + "'properties':{'n':{'type':'integer','exclusiveMinimum':0},'propertyNames':{'type':'string'},"
                        + "'list':{'type':'array','items':{'type':'number','exclusiveMaximum':9}}}}"));
        fx.post("/v1/messages", req);
        JsonNode params = fx.sent().path("tools").path(0).path("function").path("parameters");
        assertThat(params.toString()).doesNotContain("$schema").doesNotContain("exclusiveMinimum")
                .doesNotContain("exclusiveMaximum").doesNotContain("pattern");
        assertThat(params.path("properties").has("propertyNames")).isTrue();
        assertThat(params.path("properties").path("n").path("type").asText()).isEqualTo("integer");
    }

    @Test
    void toolChoiceWithoutToolsIsDropped() throws IOException {
        fx = new ProxyFixture(r -> Answer.text("ok"));
        ObjectNode req = request(false);
        req.putObject("tool_choice").put("type", "any").put("disable_parallel_tool_use", true);
        fx.post("/v1/messages", req);
        assertThat(fx.sent().has("tool_choice")).isFalse();
        assertThat(fx.sent().has("parallel_tool_calls")).isFalse();
        assertThat(fx.sent().has("tools")).isFalse();
    }

    @Test
    void imagesInsideToolResultsSurviveAfterTheToolMessages() throws IOException {
        fx = new ProxyFixture(r -> Answer.text("ok"));
        ObjectNode req = json("{'model':'m','max_tokens':100,'messages':[{'role':'user','content':'shoot'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'Screenshot','input':{}},"
                + "{'type':'tool_use','id':'t2','name':'Bash','input':{'command':'ls'}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':[{'type':'text','text':'here'},"
                + "{'type':'image','source':{'type':'base64','media_type':'image/png','data':'iVBOR'}}]},"
                + "{'type':'tool_result','tool_use_id':'t2','content':'a.txt'}]}]}");
        fx.post("/v1/messages", req);
        List<JsonNode> msgs = list(fx.sent().path("messages"));
        assertThat(msgs.stream().map(m -> m.path("role").asText())).containsExactly("user", "assistant", "tool", "tool", "user");
        assertThat(msgs.get(4).path("content").path(0).path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64,iVBOR");
    }

    @Test
    void everyToolCallIsFollowedByItsResultEvenWhenResultsArriveSplitOrOutOfOrder() throws IOException {
        fx = new ProxyFixture(r -> Answer.text("ok"));
        ObjectNode req = json("{'model':'m','max_tokens':100,'messages':[{'role':'user','content':'go'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'a','name':'Bash','input':{}},"
                + "{'type':'tool_use','id':'b','name':'Bash','input':{}},{'type':'tool_use','id':'c','name':'Bash','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'b','content':'B'},{'type':'text','text':'note'}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'a','content':'A'},"
                + "{'type':'tool_result','tool_use_id':'zz','content':'stray'}]}]}");
        fx.post("/v1/messages", req);
        List<JsonNode> msgs = list(fx.sent().path("messages"));
        assertThat(msgs.stream().map(m -> m.path("role").asText()))
                .containsExactly("user", "assistant", "tool", "tool", "tool", "user", "user");
        assertThat(msgs.subList(2, 5).stream().map(m -> m.path("tool_call_id").asText())).containsExactly("a", "b", "c");
        assertThat(msgs.get(2).path("content").asText()).isEqualTo("A");
        assertThat(msgs.get(4).path("content").asText()).contains("no result");
        assertThat(msgs.get(6).path("content").asText()).contains("zz").contains("stray");
    }

    @Test
    void theModelsListNamesTheLaneModels() throws IOException {
        fx = new ProxyFixture(r -> Answer.text("never"));
        JsonNode list = fx.get("/v1/models").json();
        assertThat(list.path("data").findValuesAsText("id")).containsExactly(ProxyFixture.MAIN, ProxyFixture.SMALL);
        assertThat(list.path("data").path(0).path("type").asText()).isEqualTo("model");
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("has_more").asBoolean(true)).isFalse();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new java.util.ArrayList<>();
        array.forEach(l::add);
        return l;
    }
}
