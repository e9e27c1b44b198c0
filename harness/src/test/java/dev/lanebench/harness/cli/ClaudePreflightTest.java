package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.harness.lanes.LanesFile;
import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.proxy.ScriptedUpstream;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-flight of claude lanes: the probe goes through a built-in proxy (its max_tokens clamped there), the micro
 * task through the real claude CLI in its sandbox; a switched model is caught on that road. Skipped where no
 * claude CLI is found.
 */
class ClaudePreflightTest {
    @TempDir
    Path tmp;
    ScriptedUpstream upstream;

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void theClaudeRoadIsProvedThroughTheProxyAndTheCli() throws Exception {
        upstream = new ScriptedUpstream(req -> {
            Answer a;
            if (!req.has("tools")) {
                a = Answer.text("OK");
            } else if (ClaudeLaneEndToEndTest.toolResults(req) > 0) {
                a = Answer.text("Wrote ok.txt.");
            } else {
                a = Answer.tool("call_ok", "Write", "{\"file_path\":\"ok.txt\",\"content\":\"OK\\n\"}");
            }
            return req.path("model").asText().equals("cl/switched") ? a.servedBy("cl/other-model") : a;
        });
        Path lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  scripted: {base_url: "%s", api_key_env: CL_PF_KEY}
                models:
                  good: {endpoint: scripted, id: cl/good, price_per_mtok: {input: 1.0, output: 2.0}}
                  switched: {endpoint: scripted, id: cl/switched}
                lanes:
                  good-harness: {runner: claude, model: good, max_turns: 6, max_tokens: 4096}
                  switched-harness: {runner: claude, model: switched, max_turns: 6}
                """.formatted(upstream.baseUrl()));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CL_PF_KEY", "sk-claude-preflight");
        Readiness ready = RunnerFactory.create(LanesFile.load(lanes).lane("good-harness")).readiness(env);
        if (!ready.ready()) {
            System.out.println("skipping claude pre-flight test: " + ready.reason());
        }
        Assumptions.assumeTrue(ready.ready(), ready.reason());

        CliRun r = CliRun.withConfig(env, tmp, lanes, "preflight", "--lanes", "good-harness,switched-harness");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("good-harness\\s+scripted\\s+cl/good\\s")
                .contains("switched-harness: model_switch: asked for cl/switched, served by cl/other-model");
        assertThat(r.out().lines().filter(l -> l.startsWith("  good-harness: "))).containsExactly("  good-harness: ok");
        JsonNode probe = upstream.requests.stream().filter(q -> !q.has("tools") && q.path("model").asText().equals("cl/good"))
                .findFirst().orElseThrow();
        assertThat(probe.path("max_tokens").asInt()).as("clamped by the proxy to the lane's max_tokens").isEqualTo(4096);
        assertThat(upstream.requests.stream().filter(q -> q.has("tools") && q.path("model").asText().equals("cl/good")))
                .as("the micro task went through the CLI").isNotEmpty();
        assertThat(upstream.requests.stream().filter(q -> q.has("tools") && q.path("model").asText().equals("cl/switched")))
                .as("a lane that failed its probe runs no micro task").isEmpty();
    }
}
