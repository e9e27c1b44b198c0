package dev.lanebench.runners.flat;

import static dev.lanebench.runners.flat.FlatFixtures.body;
import static dev.lanebench.runners.flat.FlatFixtures.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.upstream.OpenAiWire;
import dev.lanebench.runners.sandbox.SandboxSession;
import dev.lanebench.runners.sandbox.TestSandboxes;
import dev.lanebench.runners.upstream.OpenAiWire.Call;
import dev.lanebench.runners.upstream.WireJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatRunnerTest {
    @TempDir
    Path root;
    Path workspace;
    Path scratch;
    MockWebServer server;
    SandboxSession sandbox;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(root.resolve("ws"));
        scratch = Files.createDirectories(root.resolve("scratch"));
        sandbox = TestSandboxes.open(workspace, root.resolve("sandbox-dirs"), List.of());
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        sandbox.close();
        server.shutdown();
    }

    static String args(Object... kv) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.put((String) kv[i], (String) kv[i + 1]);
        }
        return o.toString();
    }

    private AgentOutcome run(Lane lane, Duration deadline) throws InterruptedException {
        return FlatFixtures.runner(lane).run(FlatFixtures.task(workspace, scratch, "Create hello.txt.", deadline, log,
                sandbox));
    }

    private List<JsonNode> requests() throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            bodies.add(body(server.takeRequest()));
        }
        return bodies;
    }

    @Test
    void solvesASmallTaskThroughToolCallsAndRecordsEveryStep() throws Exception {
        Files.writeString(workspace.resolve("README.md"), "demo\n");
        server.enqueue(OpenAiWire.toolCalls(new Call("c1", "list_dir", args("path", "."))));
        server.enqueue(OpenAiWire.toolCalls(new Call("c2", "write_file",
                args("path", "out/hello.txt", "content", "hello world\n"))));
        server.enqueue(OpenAiWire.toolCalls(new Call("c3", "run", args("command", "cat out/hello.txt; exit 3"))));
        server.enqueue(OpenAiWire.text("Created out/hello.txt."));

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofSeconds(30));

        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.error()).isNull();
        assertThat(outcome.turns()).isEqualTo(4);
        assertThat(outcome.context()).containsEntry("terminal_reason", "answered");
        assertThat(Files.readString(workspace.resolve("out/hello.txt"))).isEqualTo("hello world\n");
        assertThat(log.toolKinds()).containsExactly(ToolKind.LIST, ToolKind.WRITE, ToolKind.RUN);
        List<TranscriptEvent> tools = log.ofType("tool_call");
        assertThat(tools.get(0).name()).isEqualTo("list_dir");
        assertThat(tools.get(1).args()).containsEntry("path", "out/hello.txt").containsEntry("bytes", 12)
                .doesNotContainKey("content");
        assertThat(tools.get(2).args()).containsEntry("command", "cat out/hello.txt; exit 3");
        assertThat(tools.get(2).ok()).isFalse();
        assertThat(tools.get(2).detail()).containsEntry("exit_code", 3);
        assertThat(log.ofType("assistant_text")).last().extracting(TranscriptEvent::text)
                .isEqualTo("Created out/hello.txt.");
        assertThat(log.calls).hasSize(4).allSatisfy(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.servedAsRequested()).isTrue();
            assertThat(c.role()).isEqualTo("main");
        });

        List<JsonNode> bodies = requests();
        JsonNode first = bodies.get(0);
        assertThat(first.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(first.path("messages").get(0).path("content").asText()).contains("write_file");
        assertThat(first.path("messages").get(1).path("content").asText()).isEqualTo("Create hello.txt.");
        assertThat(first.path("tools").findValuesAsText("name"))
                .containsExactly("read_file", "write_file", "list_dir", "run");
        assertThat(first.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(toolResult(bodies.get(1), "c1")).contains("README.md");
        assertThat(toolResult(bodies.get(2), "c2")).contains("wrote 12 bytes");
        assertThat(toolResult(bodies.get(3), "c3")).contains("exit code: 3").contains("hello world");
        JsonNode assistant = bodies.get(3).path("messages").get(6);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("c3");
    }

    @Test
    void theTranscriptKeepsWhatEachToolReturnedAndWhyEachModelCallStopped() throws Exception {
        server.enqueue(OpenAiWire.toolCalls(new Call("c1", "run",
                args("command", "echo first-line; head -c 9000 /dev/zero | tr '\\0' x; echo; echo last-line"))));
        server.enqueue(OpenAiWire.text("Printed it."));

        run(FlatFixtures.lane(server), Duration.ofSeconds(30));

        TranscriptEvent call = log.ofType("tool_call").get(0);
        assertThat(call.result()).startsWith("exit code: 0\nfirst-line").endsWith("last-line\n")
                .contains("bytes elided ...]");
        assertThat(call.resultBytes()).isGreaterThan(9000L);
        assertThat(call.result().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThan(TranscriptEvent.RESULT_HEAD_BYTES + TranscriptEvent.RESULT_TAIL_BYTES + 100);
        assertThat(log.calls).extracting(ModelCall::stopReason).containsExactly("tool_calls", "stop");
    }

    @Test
    void pathsThatEscapeTheWorkspaceAreRefusedAndTheAttemptGoesOn() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.createSymbolicLink(workspace.resolve("link"), outside);
        Files.createSymbolicLink(workspace.resolve("secret-link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(workspace.resolve("dangling"), outside.resolve("not-yet.txt"));
        server.enqueue(OpenAiWire.toolCalls(
                new Call("dots", "read_file", args("path", "../outside/secret.txt")),
                new Call("abs", "read_file", args("path", outside.resolve("secret.txt").toString())),
                new Call("dirlink", "write_file", args("path", "link/planted.txt", "content", "x")),
                new Call("filelink", "read_file", args("path", "secret-link")),
                new Call("dangle", "write_file", args("path", "dangling", "content", "x")),
                new Call("deep", "write_file", args("path", "link/new/deeper/f.txt", "content", "x")),
                new Call("inside", "write_file", args("path", "a/../ok.txt", "content", "fine"))));
        server.enqueue(OpenAiWire.text("done"));

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofSeconds(30));

        assertThat(outcome.context()).containsEntry("terminal_reason", "answered");
        assertThat(outcome.turns()).isEqualTo(2);
        server.takeRequest();
        JsonNode second = body(server.takeRequest());
        for (String id : List.of("dots", "abs", "dirlink", "filelink", "dangle", "deep")) {
            assertThat(toolResult(second, id)).as(id).startsWith("error:").doesNotContain("top secret");
        }
        assertThat(toolResult(second, "dots")).contains("outside the workspace");
        assertThat(toolResult(second, "dirlink")).contains("symlink");
        assertThat(toolResult(second, "inside")).contains("wrote 4 bytes");
        try (var s = Files.list(outside)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
        assertThat(log.ofType("tool_call")).extracting(TranscriptEvent::ok)
                .containsExactly(false, false, false, false, false, false, true);
    }

    @Test
    void aReasoningOnlyAnswerCutOffAtTheLengthLimitIsNotTheEnd() throws Exception {
        ObjectNode thinking = OpenAiWire.completion(OpenAiWire.MODEL_ID, "", "length", List.of());
        ((ObjectNode) thinking.path("choices").get(0).path("message"))
                .put("reasoning_content", "Let me think about the file layout first...");
        OpenAiWire.usage(thinking, 500, 0, 1024, 1024);
        server.enqueue(OpenAiWire.json(thinking));
        server.enqueue(OpenAiWire.text("OK"));

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofSeconds(30));

        assertThat(outcome.turns()).isEqualTo(2);
        assertThat(outcome.context()).containsEntry("terminal_reason", "answered")
                .containsEntry("length_stops", "1");
        List<JsonNode> bodies = requests();
        assertThat(bodies.get(0).path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(bodies.get(1).path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(log.ofType("error")).singleElement().satisfies(e -> {
            assertThat(e.text()).contains("reasoning used the whole output budget").contains("1024 reasoning tokens");
            assertThat(e.detail()).containsEntry("reasoning_exhausted", true).containsEntry("next_max_tokens", 2048);
        });
        assertThat(log.ofType("assistant_text").get(0).detail())
                .containsEntry("reasoning_field", "reasoning_content")
                .containsEntry("reasoning_tokens", 1024L)
                .containsEntry("reasoning_chars", "Let me think about the file layout first...".length());
        assertThat(log.calls.get(0).reasoningTokens()).isEqualTo(1024L);
    }

    @Test
    void atTheModelsOutputLimitAReasoningOnlyAnswerGetsANudgeInstead() throws Exception {
        ObjectNode thinking = OpenAiWire.completion(OpenAiWire.MODEL_ID, null, "length", List.of());
        ((ObjectNode) thinking.path("choices").get(0).path("message")).put("reasoning", "hmm...");
        server.enqueue(OpenAiWire.json(thinking));
        server.enqueue(OpenAiWire.text("OK"));

        run(FlatFixtures.lane(server, null, 4096, null, 2048, null), Duration.ofSeconds(30));

        List<JsonNode> bodies = requests();
        assertThat(bodies.get(0).path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(bodies.get(1).path("max_tokens").asInt()).isEqualTo(2048);
        JsonNode msgs = bodies.get(1).path("messages");
        assertThat(msgs.get(msgs.size() - 1).path("role").asText()).isEqualTo("user");
        assertThat(msgs.get(msgs.size() - 1).path("content").asText()).contains("Think less");
    }

    @Test
    void reasoningIsSentBackOnlyWhenTheModelIsSetToEchoIt() throws Exception {
        for (Boolean echo : new Boolean[] {true, false}) {
            ObjectNode withTool = OpenAiWire.completion(OpenAiWire.MODEL_ID, null, "tool_calls",
                    List.of(new Call("c1", "list_dir", args("path", "."))));
            ((ObjectNode) withTool.path("choices").get(0).path("message")).put("reasoning_content", "plan: look");
            server.enqueue(OpenAiWire.json(withTool));
            server.enqueue(OpenAiWire.text("done"));

            run(FlatFixtures.lane(server, null, 1024, null, null, echo), Duration.ofSeconds(30));

            server.takeRequest();
            JsonNode assistant = body(server.takeRequest()).path("messages").get(2);
            assertThat(assistant.path("role").asText()).isEqualTo("assistant");
            assertThat(assistant.has("reasoning_content")).as("echo=" + echo).isEqualTo(echo);
            assertThat(assistant.path("content").isNull()).isTrue();
        }
    }

    @Test
    void malformedToolArgumentsGetAnErrorResultAndNothingIsDone() throws Exception {
        server.enqueue(OpenAiWire.toolCalls(
                new Call("bad", "write_file", "{\"path\": \"a.txt\", \"content\": \"x\""),
                new Call("missing", "read_file", "{}"),
                new Call("unknown", "delete_everything", "{\"path\": \".\"}")));
        server.enqueue(OpenAiWire.text("done"));

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofSeconds(30));

        assertThat(outcome.context()).containsEntry("terminal_reason", "answered");
        assertThat(workspace.resolve("a.txt")).doesNotExist();
        server.takeRequest();
        JsonNode second = body(server.takeRequest());
        assertThat(toolResult(second, "bad")).startsWith("error: the arguments are not valid JSON");
        assertThat(toolResult(second, "missing")).contains("missing required argument 'path'");
        assertThat(toolResult(second, "unknown")).contains("unknown tool");
        JsonNode echoed = second.path("messages").get(2).path("tool_calls").get(0).path("function");
        assertThat(echoed.path("arguments").asText()).isEqualTo("{}");
        assertThat(log.ofType("tool_call")).extracting(TranscriptEvent::tool)
                .containsExactly(ToolKind.WRITE, ToolKind.READ, ToolKind.OTHER);
        assertThat(log.ofType("tool_call").get(0).args()).containsKey("malformed_arguments");
    }

    @Test
    void aPaymentErrorEndsTheAttemptNormallyWithTheErrorAndOneFailedCall() throws Exception {
        server.enqueue(OpenAiWire.error(402, "Insufficient credits"));

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofSeconds(30));

        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.infraFailure()).isFalse();
        assertThat(outcome.turns()).isZero();
        assertThat(outcome.error()).contains("402").contains("Insufficient credits");
        assertThat(outcome.context()).containsEntry("terminal_reason", "upstream_error");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(log.calls).singleElement().satisfies(c -> assertThat(c.ok()).isFalse());
        assertThat(log.ofType("error")).singleElement().satisfies(e -> assertThat(e.detail())
                .containsEntry("status", 402).containsEntry("retryable", false));
    }

    @Test
    void serverErrorsAfterRealWorkStopTheLoopButKeepTheWork() throws Exception {
        server.enqueue(OpenAiWire.toolCalls(new Call("c1", "write_file", args("path", "f.txt", "content", "v"))));
        for (int i = 0; i < 3; i++) {
            server.enqueue(OpenAiWire.error(503, "upstream overloaded"));
        }

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofSeconds(30));

        assertThat(outcome.turns()).isEqualTo(1);
        assertThat(outcome.error()).contains("503").contains("3 tries");
        assertThat(workspace.resolve("f.txt")).hasContent("v");
        assertThat(log.calls).extracting(ModelCall::ok).containsExactly(true, false, false, false);
    }

    @Test
    void theLanesMaxTurnsIsAHardStop() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.enqueue(OpenAiWire.toolCalls(new Call("c" + i, "list_dir", args("path", "."))));
        }

        AgentOutcome outcome = run(FlatFixtures.lane(server, 2, 1024, null, null, null), Duration.ofSeconds(30));

        assertThat(outcome.turns()).isEqualTo(2);
        assertThat(outcome.context()).containsEntry("terminal_reason", "max_turns");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void maxTokensIsClampedToTheModelsOutputLimit() throws Exception {
        server.enqueue(OpenAiWire.text("done"));

        run(FlatFixtures.lane(server, null, 100_000, null, 8000, null), Duration.ofSeconds(30));

        assertThat(body(server.takeRequest()).path("max_tokens").asInt()).isEqualTo(8000);
    }

    @Test
    void theKeyReachesNeitherTheRunToolNorAnyLoggedEventOrCall() throws Exception {
        server.enqueue(OpenAiWire.toolCalls(new Call("env", "run", args("command", "env; echo HOME=$HOME"))));
        server.enqueue(OpenAiWire.error(401, "bad key " + OpenAiWire.KEY));

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofSeconds(30));

        server.takeRequest();
        var second = server.takeRequest();
        assertThat(second.getHeader("Authorization")).contains(OpenAiWire.KEY);
        String envOutput = toolResult(body(second), "env");
        assertThat(envOutput).contains("PATH=").contains("LANG=C.UTF-8")
                .contains("HOME=" + sandbox.home()).contains("TMPDIR=" + sandbox.tmp())
                .doesNotContain(OpenAiWire.KEY).doesNotContain(OpenAiWire.KEY_ENV)
                .doesNotContain(FlatFixtures.OTHER_SECRET).doesNotContain(FlatFixtures.OTHER_SECRET_ENV);
        String logged = WireJson.MAPPER.writeValueAsString(log.events) + WireJson.MAPPER.writeValueAsString(log.calls);
        assertThat(logged).contains("bad key").doesNotContain(OpenAiWire.KEY);
        assertThat(outcome.error()).contains("bad key").doesNotContain(OpenAiWire.KEY);
    }

    @Test
    void aCommandRunningAtTheDeadlineIsKilledAndTheAttemptReturnsTimedOut() throws Exception {
        String tag = TestSandboxes.tag();
        server.enqueue(OpenAiWire.toolCalls(new Call("slow", "run",
                args("command", "trap '' TERM; sleep " + tag + " & setsid -f sleep " + tag + "; sleep " + tag))));
        server.enqueue(OpenAiWire.text("never asked"));
        long t0 = System.nanoTime();

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofMillis(1500));

        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.turns()).isEqualTo(1);
        assertThat(ms).isLessThan(3000);
        assertThat(TestSandboxes.running("sleep " + tag)).isEmpty();
        assertThat(log.ofType("tool_call").get(0).detail()).containsEntry("deadline_reached", true);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aModelCallHangingAtTheDeadlineIsCutOffAndTheAttemptReturnsTimedOut() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        long t0 = System.nanoTime();

        AgentOutcome outcome = run(FlatFixtures.lane(server), Duration.ofMillis(800));

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.turns()).isZero();
        assertThat(log.calls).singleElement().satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.error()).contains("deadline");
        });
    }

    @Test
    void aCommandPastItsOwnTimeoutIsKilledAndTheModelIsTold() throws Exception {
        server.enqueue(OpenAiWire.toolCalls(new Call("slow", "run", args("command", "echo started; sleep 30"))));
        server.enqueue(OpenAiWire.text("ok"));

        AgentOutcome outcome = run(FlatFixtures.lane(server, null, 1024, 1, null, null), Duration.ofSeconds(30));

        assertThat(outcome.context()).containsEntry("terminal_reason", "answered");
        server.takeRequest();
        assertThat(toolResult(body(server.takeRequest()), "slow")).startsWith("timed out after 1 s")
                .contains("started");
        assertThat(log.ofType("tool_call").get(0).detail()).containsEntry("timed_out", true);
    }

    @Test
    void readinessNamesTheMissingKeyVariable() {
        FlatRunner runner = FlatFixtures.runner(FlatFixtures.lane(server));

        assertThat(runner.readiness(Map.of("PATH", "/usr/bin:/bin")).reason())
                .isEqualTo(OpenAiWire.KEY_ENV + " not set");
        assertThat(runner.readiness(Map.of("PATH", "/usr/bin:/bin", OpenAiWire.KEY_ENV, " ")).ready()).isFalse();
        assertThat(runner.readiness(FlatFixtures.env()).ready()).isTrue();
    }
}
