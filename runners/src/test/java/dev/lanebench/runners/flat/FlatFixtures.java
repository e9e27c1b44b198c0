package dev.lanebench.runners.flat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Budgets;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.sandbox.SandboxSession;
import dev.lanebench.runners.upstream.OpenAiWire;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Builds flat lanes, tasks and runners against a scripted model server. */
final class FlatFixtures {
    static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), 2.0, Duration.ofMillis(20),
            Duration.ofSeconds(2), 0);
    static final String OTHER_SECRET_ENV = "LANEBENCH_INTERNAL_TOKEN";
    static final String OTHER_SECRET = "internal-token-should-not-leak-42";

    private FlatFixtures() {
    }

    static Lane lane(MockWebServer server, Integer maxTurns, Integer maxTokens, Integer commandTimeoutS,
                     Integer modelLimit, Boolean echoReasoning) {
        EndpointSpec endpoint = new EndpointSpec(server.url("/v1").toString(), OpenAiWire.KEY_ENV, null, null);
        ModelSpec model = new ModelSpec("test", OpenAiWire.MODEL_ID, OpenAiWire.PRICE, modelLimit, echoReasoning);
        LaneSpec spec = new LaneSpec("flat", "glm", null, maxTurns, maxTokens, commandTimeoutS, null);
        return new Lane("glm-flat", spec, model, "glm", endpoint, null, null);
    }

    static Lane lane(MockWebServer server) {
        return lane(server, null, 1024, null, 131072, null);
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(OpenAiWire.env());
        env.put(OTHER_SECRET_ENV, OTHER_SECRET);
        return env;
    }

    static AgentTask task(Path workspace, Path scratch, String instruction, Duration deadline, RecordingLog log,
                          SandboxSession sandbox) {
        return new AgentTask("t", workspace, instruction, Optional.empty(), deadline, Budgets.NONE, scratch, env(),
                log, sandbox);
    }

    static FlatRunner runner(Lane lane) {
        return new FlatRunner(lane, FAST);
    }

    static JsonNode body(RecordedRequest r) throws IOException {
        return WireJson.MAPPER.readTree(r.getBody().readUtf8());
    }

    /** The content of the tool message answering {@code callId} in a request body. */
    static String toolResult(JsonNode body, String callId) {
        for (JsonNode m : body.path("messages")) {
            if ("tool".equals(m.path("role").asText()) && callId.equals(m.path("tool_call_id").asText())) {
                return m.path("content").asText();
            }
        }
        throw new AssertionError("no tool message for " + callId + " in " + body.path("messages"));
    }
}
