package dev.lanebench.runners.codex;

import static dev.lanebench.runners.proxy.UpstreamChunks.call;
import static dev.lanebench.runners.proxy.UpstreamChunks.finish;
import static dev.lanebench.runners.proxy.UpstreamChunks.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Budgets;
import dev.lanebench.runners.agent.CollectingLog;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.lane.Price;
import dev.lanebench.runners.proxy.ScriptedUpstream;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import dev.lanebench.runners.sandbox.TestSandboxes;
import dev.lanebench.runners.upstream.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codex lane end to end: the real codex CLI in the sandbox, the built-in proxy's Responses front, and a
 * scripted OpenAI-compatible model on 127.0.0.1. Skipped (with the reason printed) only when no codex CLI is
 * installed.
 */
class CodexRunnerEndToEndTest {
    static final String KEY_ENV = "LB_TEST_UPSTREAM_KEY";
    static final String KEY = "sk-upstream-codex-e2e-secret-4b1d";
    static final String OTHER_SECRET = "sk-or-v1-other-secret-88aa";
    static final String MODEL = "z-ai/glm-5.2";
    static final RetryPolicy FAST = new RetryPolicy(1, Duration.ofMillis(20), 1.0, Duration.ofMillis(20), Duration.ofMillis(50), 0);

    static String skipReason;

    @TempDir
    Path tmp;
    private ScriptedUpstream upstream;
    private final CollectingLog log = new CollectingLog();

    @BeforeAll
    static void findCodex() {
        CodexBinary.Found bin = CodexBinary.find(null, System.getenv());
        if (!bin.found()) {
            skipReason = "skipping codex end-to-end tests: " + bin.problem() + " (set " + CodexBinary.ENV_BIN
                    + " or put codex on PATH)";
            System.out.println(skipReason);
        }
    }

    @BeforeEach
    void needCodex() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }


    static Answer command(String id, String cmd) {
        return Answer.tool(id, "exec_command", "{\"cmd\":" + quote(cmd) + "}");
    }

    static String quote(String s) {
        return dev.lanebench.runners.upstream.WireJson.MAPPER.getNodeFactory().textNode(s).toString();
    }

    private Lane lane() {
        EndpointSpec ep = new EndpointSpec(upstream.baseUrl(), KEY_ENV, Map.of(), Map.of());
        ModelSpec main = new ModelSpec("scripted", MODEL, new Price(1.40, 4.40, 0.26), 131072);
        return new Lane("glm-codex", new LaneSpec("codex", "glm", null, null, null, null, null), main, "glm", ep, main, ep);
    }

    private AgentOutcome run(Function<JsonNode, Answer> model, Duration deadline) throws Exception {
        upstream = new ScriptedUpstream(model);
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put(KEY_ENV, KEY);
        env.put("OPENROUTER_API_KEY", OTHER_SECRET);
        CodexRunner runner = new CodexRunner(lane(), FAST);
        try (var sandbox = TestSandboxes.open(ws, tmp.resolve("sb"), runner.sandboxPaths(env))) {
            AgentTask task = new AgentTask("e2e", ws, "Create hello.txt containing a greeting.", Optional.empty(),
                    deadline, Budgets.NONE, scratch, env, log, sandbox);
            return runner.run(task);
        }
    }

    private Path ws() {
        return tmp.resolve("ws");
    }

    @Test
    void theCliSolvesATaskThroughTheProxyAndEverythingIsRecorded() throws Exception {
        long t0 = System.nanoTime();
        AgentOutcome out = run(req -> ScriptedUpstream.toolResults(req) > 0 ? Answer.text("Created hello.txt.")
                : command("call_w1", "printf 'hello from the lane\\n' > hello.txt"), Duration.ofSeconds(120));
        System.out.println("codex e2e solve: " + (System.nanoTime() - t0) / 1_000_000 + " ms, outcome " + out);
        assertThat(ws().resolve("hello.txt")).hasContent("hello from the lane");
        assertThat(out.error()).isNull();
        assertThat(out.timedOut()).isFalse();
        assertThat(out.agentExit()).isZero();
        assertThat(out.turns()).isEqualTo(2);
        assertThat(out.context()).containsEntry("turn", "completed").containsKey("codex_cli").containsKey("thread_id");
        assertThat(out.context().get("codex_cli")).matches("\\d+\\.\\d+\\.\\d+");
        List<TranscriptEvent> tools = log.toolCalls();
        assertThat(tools).hasSize(1);
        assertThat(tools.get(0).tool()).isEqualTo(ToolKind.RUN);
        assertThat(tools.get(0).ok()).isTrue();
        assertThat(tools.get(0).args().get("command").toString()).contains("hello.txt");
        assertThat(log.events).anyMatch(e -> "assistant_text".equals(e.type()) && e.text().contains("Created"));
        List<ModelCall> calls = log.okCalls();
        assertThat(calls).hasSize(2).allMatch(c -> MODEL.equals(c.servedModel()) && c.outputTokens() == 10 && c.costUsd() > 0);
        assertThat(upstream.requests).allMatch(r -> r.path("stream").asBoolean(false));
        assertThat(upstream.requests.get(0).path("tools").toString()).contains("exec_command");
    }

    @Test
    void parallelCallsNumberedZeroAreBothRunByTheRealCli() throws Exception {
        AgentOutcome out = run(req -> ScriptedUpstream.toolResults(req) > 0 ? Answer.text("Both written.") : Answer.raw(null,
                call(0, "call_a", "exec_command", ""), call(0, null, null, "{\"cmd\":\"echo A > a.txt\"}"),
                call(0, "call_b", "exec_command", ""), call(0, null, null, "{\"cmd\":\"echo B > b.txt\"}"),
                finish("tool_calls"), usage("{'prompt_tokens':10,'completion_tokens':5}")), Duration.ofSeconds(120));
        assertThat(out.error()).isNull();
        assertThat(ws().resolve("a.txt")).hasContent("A");
        assertThat(ws().resolve("b.txt")).hasContent("B");
        JsonNode second = upstream.requests.get(upstream.requests.size() - 1);
        assertThat(ScriptedUpstream.toolResults(second)).isEqualTo(2);
        // a stream codex could not parse would have been retried
        assertThat(upstream.requests).hasSize(2);
    }

    @Test
    void aFailedTurnIsAnErrorWhateverTheExitCode() throws Exception {
        AgentOutcome out = run(req -> Answer.error(400, "this model does not take tools", Map.of()), Duration.ofSeconds(120));
        System.out.println("codex failed turn: " + out);
        assertThat(out.error()).startsWith("codex CLI: turn failed:").contains("does not take tools");
        assertThat(out.context()).containsEntry("turn", "failed");
        assertThat(log.okCalls()).isEmpty();
        assertThat(upstream.requests).hasSize(1);
    }

    @Test
    void theCliNeverSeesAKeyAndRunsWithItsOwnHome() throws Exception {
        AgentOutcome out = run(req -> ScriptedUpstream.toolResults(req) > 0 ? Answer.text("Dumped.")
                : command("call_env", "env > env.txt; ls -a \"$CODEX_HOME\" > codex-home.txt"), Duration.ofSeconds(120));
        assertThat(out.error()).isNull();
        String env = Files.readString(ws().resolve("env.txt"), StandardCharsets.UTF_8);
        assertThat(env).contains("LANEBENCH_PROXY_TOKEN=lanebench-local-").contains("CODEX_HOME=")
                .doesNotContain(KEY).doesNotContain(OTHER_SECRET).doesNotContain(KEY_ENV).doesNotContain("OPENROUTER_API_KEY");
        String home = env.lines().filter(l -> l.startsWith("HOME=")).findFirst().orElseThrow().substring(5);
        assertThat(env).contains("CODEX_HOME=" + home + "/.codex");
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
            }
        }
        assertThat(log.dump()).doesNotContain(KEY);
    }
}
