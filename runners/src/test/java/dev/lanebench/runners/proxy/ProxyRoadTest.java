package dev.lanebench.runners.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.agent.CollectingLog;
import dev.lanebench.runners.agent.ModelPath;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import dev.lanebench.runners.upstream.RetryPolicy;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pre-flight road of an agent CLI lane: one request in its CLI's API through a proxy started as for an attempt. */
class ProxyRoadTest {
    static final String KEY_ENV = "PROXY_ROAD_KEY";
    static final String THINKING_ONLY = "{'id':'g','model':'road/model','choices':[{'index':0,'message':{'role':'assistant',"
            + "'content':'','reasoning_content':'The user wants OK. First'},'finish_reason':'length'}],"
            + "'usage':{'prompt_tokens':20,'completion_tokens':16}}";
    ScriptedUpstream upstream;

    @AfterEach
    void stop() {
        upstream.close();
    }

    private Lane lane(Integer maxTokens) {
        EndpointSpec ep = new EndpointSpec(upstream.baseUrl(), KEY_ENV, Map.of(), Map.of());
        ModelSpec m = new ModelSpec("e", "road/model", null, null);
        return new Lane("road", new LaneSpec("claude", "m", null, null, maxTokens, null, null), m, "m", ep, m, ep);
    }

    private ModelPath.Answer ask(ProxyRoad.Front front, Integer maxTokens, CollectingLog log) {
        return new ProxyRoad(lane(maxTokens), RetryPolicy.none(), front)
                .ask("Reply with OK.", Map.of(KEY_ENV, "sk-road"), Instant.now().plusSeconds(30), log);
    }

    @ParameterizedTest
    @EnumSource(ProxyRoad.Front.class)
    void anAnswerComesBackThroughTheFrontWithItsModelCall(ProxyRoad.Front front) throws Exception {
        upstream = new ScriptedUpstream(req -> Answer.text("OK"));
        CollectingLog log = new CollectingLog();
        ModelPath.Answer a = ask(front, 4096, log);
        assertThat(a.error()).isNull();
        assertThat(a.text()).isEqualTo("OK");
        assertThat(a.cutOff()).isFalse();
        assertThat(a.maxTokens()).isEqualTo(4096);
        assertThat(log.okCalls()).singleElement().satisfies(c -> assertThat(c.servedModel()).isEqualTo("road/model"));
        assertThat(upstream.requests.get(0).path("max_tokens").asInt()).as("clamped to the lane's max_tokens").isEqualTo(4096);
    }

    @ParameterizedTest
    @EnumSource(ProxyRoad.Front.class)
    void aBudgetSpentOnReasoningComesBackCutOffWithoutText(ProxyRoad.Front front) throws Exception {
        upstream = new ScriptedUpstream(req -> Answer.raw(THINKING_ONLY));
        ModelPath.Answer a = ask(front, 16, new CollectingLog());
        assertThat(a.error()).isNull();
        assertThat(a.text()).isEmpty();
        assertThat(a.cutOff()).isTrue();
        assertThat(a.reasoning()).isTrue();
        assertThat(a.maxTokens()).isEqualTo(16);
    }

    @Test
    void aRefusedKeyIsAnErrorWhoseCallKeepsTheUpstreamStatus() throws Exception {
        upstream = new ScriptedUpstream(req -> Answer.error(402, "Insufficient credits", Map.of()));
        CollectingLog log = new CollectingLog();
        ModelPath.Answer a = ask(ProxyRoad.Front.MESSAGES, null, log);
        assertThat(a.error()).startsWith("proxy answered");
        assertThat(a.maxTokens()).isEqualTo(ProxyRoad.CLAUDE_MAX_TOKENS);
        assertThat(log.calls).isNotEmpty().allSatisfy(c -> assertThat(c.status()).isEqualTo(402));
    }
}
