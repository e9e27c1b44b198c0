package dev.lanebench.runners.claude;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claude lane end to end: the real CLI, the built-in proxy, and a scripted OpenAI-compatible model on
 * 127.0.0.1. Skipped (with the reason printed) only when no claude binary is installed.
 */
class ClaudeRunnerEndToEndTest {
    static final String KEY_ENV = "LB_TEST_UPSTREAM_KEY";
    static final String KEY = "sk-upstream-e2e-secret-7f3a9c";
    static final String OTHER_SECRET = "sk-or-v1-other-secret-51d0";
    static final String MODEL = "z-ai/glm-5.2";
    static final String SMALL = "z-ai/glm-5.2-air";
    static final RetryPolicy FAST = new RetryPolicy(1, Duration.ofMillis(20), 1.0, Duration.ofMillis(20), Duration.ofMillis(50), 0);

    static Path claude;
    static String skipReason;

    @TempDir
    Path tmp;
    private ScriptedUpstream upstream;
    private final CollectingLog log = new CollectingLog();

    @BeforeAll
    static void findClaude() {
        Map<String, String> env = System.getenv();
        ClaudeBinary.Lookup lookup = ClaudeBinary.find(null, env);
        if (!lookup.found()) {
            skipReason = "skipping claude end-to-end tests: " + lookup.problem()
                    + " (set " + ClaudeBinary.ENV_BIN + " or put claude on PATH)";
            System.out.println(skipReason);
        }
        claude = lookup.path();
    }

    @BeforeEach
    void needClaude() {
        // Per test rather than per class, so the report counts each end-to-end test as skipped.
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static boolean hasToolResult(JsonNode req) {
        for (JsonNode m : req.path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A model that answers small-model requests briefly and hands main requests to {@code main}. */
    private void model(Function<JsonNode, Answer> main) throws IOException {
        upstream = new ScriptedUpstream(req -> SMALL.equals(req.path("model").asText()) ? Answer.text("ok") : main.apply(req));
    }

    private Lane lane(Integer maxTurns) {
        EndpointSpec ep = new EndpointSpec(upstream.baseUrl(), KEY_ENV, Map.of(), Map.of());
        Price price = new Price(1.40, 4.40, 0.26);
        // echo_reasoning on: the solve test checks the reasoning goes back upstream with the tool call
        ModelSpec main = new ModelSpec("scripted", MODEL, price, 131072, true);
        ModelSpec small = new ModelSpec("scripted", SMALL, price, 8192);
        return new Lane("glm-harness", new LaneSpec("claude", "glm", "glm-air", maxTurns, null, null, claude.toString()),
                main, "glm", ep, small, ep);
    }

    /** HOME as the CLI saw it in the last run. */
    private String agentHome;

    private AgentOutcome run(Integer maxTurns, String instruction, Duration deadline) throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put(KEY_ENV, KEY);
        env.put("OPENROUTER_API_KEY", OTHER_SECRET);
        ClaudeRunner runner = new ClaudeRunner(lane(maxTurns), FAST);
        try (var sandbox = dev.lanebench.runners.sandbox.TestSandboxes.open(ws, tmp.resolve("sb"), runner.sandboxPaths(env))) {
            agentHome = sandbox.home().toString();
            AgentTask task = new AgentTask("e2e", ws, instruction, Optional.empty(), deadline, Budgets.NONE, scratch,
                    env, log, sandbox);
            return runner.run(task);
        }
    }

    private Path ws() {
        return tmp.resolve("ws");
    }

    @Test
    void theCliSolvesATaskThroughTheProxyAndEverythingIsRecorded() throws Exception {
        model(req -> hasToolResult(req) ? Answer.text("Created hello.txt.")
                : Answer.tool("call_w1", "Write", "{\"file_path\":\"hello.txt\",\"content\":\"hello from the lane\\n\"}")
                        .withReasoning("The user wants a file."));
        long t0 = System.nanoTime();
        AgentOutcome out = run(null, "Create hello.txt containing a greeting.", Duration.ofSeconds(120));
        System.out.println("claude e2e solve: " + (System.nanoTime() - t0) / 1_000_000 + " ms, outcome " + out);
        upstream.requests.forEach(r -> System.out.println("  upstream request: model " + r.path("model").asText()
                + " stream " + r.path("stream").asBoolean(false) + " tools " + r.path("tools").size()
                + " messages " + r.path("messages").size() + " max_tokens " + r.path("max_tokens").asInt()));

        assertThat(ws().resolve("hello.txt")).hasContent("hello from the lane");
        assertThat(out.timedOut()).isFalse();
        assertThat(out.agentExit()).isZero();
        assertThat(out.error()).isNull();
        assertThat(out.infraFailure()).isFalse();
        assertThat(out.turns()).isGreaterThanOrEqualTo(2);
        assertThat(out.context()).containsEntry("terminal_reason", "completed").containsEntry("is_error", "false")
                .containsKey("claude_cli");

        List<TranscriptEvent> calls = log.toolCalls();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).tool()).isEqualTo(ToolKind.WRITE);
        assertThat(calls.get(0).name()).isEqualTo("Write");
        assertThat(calls.get(0).args()).containsEntry("path", "hello.txt");
        assertThat(calls.get(0).ok()).isTrue();
        assertThat(log.events).anyMatch(e -> "assistant_text".equals(e.type()) && e.text().contains("Created hello.txt"));

        List<ModelCall> ok = log.okCalls();
        assertThat(ok).hasSizeGreaterThanOrEqualTo(2);
        ModelCall mainCall = ok.stream().filter(c -> c.role().equals("main")).findFirst().orElseThrow();
        assertThat(mainCall.requestedModel()).isEqualTo(MODEL);
        assertThat(mainCall.servedModel()).isEqualTo(MODEL);
        assertThat(mainCall.servedAsRequested()).isTrue();
        assertThat(mainCall.inputTokens()).isEqualTo(80);
        assertThat(mainCall.cachedTokens()).isEqualTo(20);
        assertThat(mainCall.outputTokens()).isEqualTo(10);
        assertThat(mainCall.costUsd()).isNotNull();
        assertThat(mainCall.costSource()).isEqualTo("price");
        // the tool result went back upstream as a tool message, and the reasoning with the call that made it
        JsonNode second = upstream.requests.stream().filter(ClaudeRunnerEndToEndTest::hasToolResult).findFirst().orElseThrow();
        assertThat(second.toString()).contains("call_w1").contains("The user wants a file.");
        assertThat(log.dump()).doesNotContain(KEY);
    }

    @Test
    void anUpstreamThatAlwaysRateLimitsEndsTheRunWithNoSuccessfulCallWellBeforeTheDeadline() throws Exception {
        model(req -> Answer.error(429, "rate limited upstream", Map.of("Retry-After", "0")));
        long t0 = System.nanoTime();
        AgentOutcome out = run(null, "Create hello.txt.", Duration.ofSeconds(120));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("claude e2e always-429: " + ms + " ms, " + log.calls.size() + " upstream tries, outcome " + out);

        assertThat(ms).isLessThan(60_000);
        assertThat(out.timedOut()).isFalse();
        assertThat(log.okCalls()).isEmpty();
        assertThat(log.calls).isNotEmpty().allMatch(c -> c.status() == 429 && !c.ok());
        assertThat(out.agentExit()).isEqualTo(1);
        assertThat(out.error()).isNotNull();
        assertThat(out.context()).containsEntry("is_error", "true");
        assertThat(ws().resolve("hello.txt")).doesNotExist();
    }

    @Test
    void aServedModelThatSwitchesMidRunIsVisibleInTheModelCalls() throws Exception {
        model(req -> hasToolResult(req) ? Answer.text("done").servedBy("meta-llama/llama-4-scout")
                : Answer.tool("call_s1", "Write", "{\"file_path\":\"a.txt\",\"content\":\"a\"}"));
        AgentOutcome out = run(null, "Create a.txt.", Duration.ofSeconds(120));
        assertThat(out.agentExit()).isZero();
        List<ModelCall> main = log.okCalls().stream().filter(c -> c.role().equals("main")).toList();
        assertThat(main).anyMatch(ModelCall::servedAsRequested);
        assertThat(main).anyMatch(c -> !c.servedAsRequested() && "meta-llama/llama-4-scout".equals(c.servedModel()));
    }

    @Test
    void aCliThatExitsWithAnErrorAfterWritingTheFileLeavesTheFileAndItsExitCode() throws Exception {
        model(req -> hasToolResult(req) ? Answer.text("done")
                : Answer.tool("call_m1", "Write", "{\"file_path\":\"result.txt\",\"content\":\"42\\n\"}"));
        AgentOutcome out = run(1, "Write 42 to result.txt.", Duration.ofSeconds(120));
        System.out.println("claude e2e max-turns 1: outcome " + out);
        assertThat(ws().resolve("result.txt")).hasContent("42");
        assertThat(out.agentExit()).isEqualTo(1);
        assertThat(out.timedOut()).isFalse();
        assertThat(out.context()).containsEntry("subtype", "error_max_turns");
        assertThat(out.error()).contains("error_max_turns");
        assertThat(log.okCalls()).isNotEmpty();
        assertThat(log.toolCalls()).extracting(TranscriptEvent::tool).containsExactly(ToolKind.WRITE);
    }

    @Test
    void anUpstreamErrorAfterTheWriteStillLeavesTheFile() throws Exception {
        model(req -> hasToolResult(req) ? Answer.error(500, "upstream fell over", Map.of())
                : Answer.tool("call_e1", "Write", "{\"file_path\":\"kept.txt\",\"content\":\"kept\\n\"}"));
        AgentOutcome out = run(null, "Write kept.txt.", Duration.ofSeconds(120));
        System.out.println("claude e2e error after write: outcome " + out);
        assertThat(ws().resolve("kept.txt")).hasContent("kept");
        assertThat(out.agentExit()).isEqualTo(1);
        assertThat(out.context()).containsEntry("is_error", "true");
        assertThat(log.okCalls()).hasSize(1);
        assertThat(log.calls.stream().filter(c -> !c.ok())).allMatch(c -> c.status() == 500);
    }

    @Test
    void aStreamThatBreaksMidAnswerIsRetriedByTheCliAndTheRunStillSucceeds() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean broke = new java.util.concurrent.atomic.AtomicBoolean();
        model(req -> {
            Answer a = hasToolResult(req) ? Answer.text("done")
                    : Answer.tool("call_r1", "Write", "{\"file_path\":\"retry.txt\",\"content\":\"ok\\n\"}");
            return req.path("stream").asBoolean(false) && broke.compareAndSet(false, true) ? a.broken() : a;
        });
        AgentOutcome out = run(null, "Write retry.txt.", Duration.ofSeconds(120));
        System.out.println("claude e2e broken stream: outcome " + out + ", upstream requests stream flags "
                + upstream.requests.stream().map(r -> r.path("stream").asBoolean(false)).toList());
        assertThat(ws().resolve("retry.txt")).hasContent("ok");
        assertThat(out.agentExit()).isZero();
        assertThat(log.calls.get(0).ok()).isFalse();
        assertThat(log.okCalls()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theCliEnvironmentHoldsNoUpstreamKeyOrOtherSecret() throws Exception {
        model(req -> hasToolResult(req) ? Answer.text("done")
                : Answer.tool("call_b1", "Bash", "{\"command\":\"env > env.txt\",\"description\":\"dump env\"}"));
        AgentOutcome out = run(null, "Dump the environment.", Duration.ofSeconds(120));
        assertThat(out.agentExit()).isZero();
        String env = Files.readString(ws().resolve("env.txt"), StandardCharsets.UTF_8);
        assertThat(env).contains("ANTHROPIC_AUTH_TOKEN=lanebench-local-").contains("HOME=" + agentHome + "\n");
        assertThat(env).doesNotContain(KEY).doesNotContain(OTHER_SECRET).doesNotContain(KEY_ENV)
                .doesNotContain("OPENROUTER_API_KEY");
        assertThat(log.toolCalls()).extracting(TranscriptEvent::tool).containsExactly(ToolKind.RUN);
    }

    @Test
    void aBackgroundProcessTheAgentLeftBehindIsStoppedWhenTheCliExits() throws Exception {
        String marker = "lanebench-orphan-4417";
        Files.writeString(Files.createDirectories(tmp.resolve("ws")).resolve("linger.py"), "import time\ntime.sleep(97)\n");
        model(req -> hasToolResult(req) ? Answer.text("started it")
                : Answer.tool("call_o1", "Bash", "{\"command\":\"nohup python3 linger.py " + marker
                        + " > /dev/null 2>&1 &\",\"description\":\"start in background\"}"));
        AgentOutcome out = run(null, "Start the lingering job.", Duration.ofSeconds(120));
        System.out.println("claude e2e orphan: outcome " + out);
        assertThat(out.agentExit()).isZero();
        Thread.sleep(300);
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void theDeadlineStopsTheCliAndEverythingItStarted() throws Exception {
        // The CLI refuses a bare long "sleep", so the long-running command is a script of its own.
        String marker = "lanebench-marker-9731";
        Files.writeString(Files.createDirectories(tmp.resolve("ws")).resolve("wait.py"), "import time\ntime.sleep(97)\n");
        model(req -> hasToolResult(req) ? Answer.text("done")
                : Answer.tool("call_d1", "Bash", "{\"command\":\"python3 wait.py " + marker + "\",\"description\":\"wait\"}"));
        long t0 = System.nanoTime();
        AgentOutcome out = run(null, "Wait a while.", Duration.ofSeconds(8));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("claude e2e deadline 8 s: returned after " + ms + " ms, outcome " + out);
        assertThat(out.timedOut()).isTrue();
        assertThat(ms).isLessThan(8_500);
        assertThat(out.context()).containsEntry("result_line", "missing");
        Thread.sleep(300);
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(log.toolCalls()).hasSize(1);
        assertThat(log.toolCalls().get(0).ok()).isFalse();
    }
}
