package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.harness.CatalogueSolution;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.harness.lanes.LanesFile;
import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.proxy.ScriptedUpstream;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import dev.lanebench.runners.upstream.WireJson;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lanebench run --lanes <codex lane>`: the real codex CLI in the sandbox, the built-in proxy's Responses front
 * and a scripted OpenAI-compatible model on 127.0.0.1, down to the raw.csv row. Skipped, with the reason
 * printed, only where no codex CLI is found.
 */
class CodexLaneEndToEndTest {
    static final String KEY = "sk-codex-lane-e2e-SECRET-5720";
    static final String CANARY = "canary-in-the-harness-env-77c1e9";
    static final String MODEL = "z-ai/glm-5.2";

    @TempDir
    Path tmp;
    ScriptedUpstream upstream;

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }


    /** A shell command the model asks codex to run. */
    private static Answer command(String id, String cmd) {
        return Answer.tool(id, "exec_command", WireJson.MAPPER.createObjectNode().put("cmd", cmd).toString());
    }

    /** The command that writes a file byte for byte (codex writes files through its shell). */
    private static String writeFile(String path, String content) {
        String b64 = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        return "mkdir -p \"$(dirname '" + path + "')\" && printf %s '" + b64 + "' | base64 -d > '" + path + "'";
    }

    private static Answer writeGreeting() {
        return command("call_w1", writeFile("greeting.txt", "hello\n"));
    }

    private CliRun run(Function<JsonNode, Answer> model, Path out, String... extra) throws Exception {
        Path tasks = tmp.resolve("tasks");
        if (!Files.exists(tasks)) {
            TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        }
        return run(model, tasks, out, extra);
    }

    private CliRun run(Function<JsonNode, Answer> model, Path tasks, Path out, String... extra) throws Exception {
        upstream = new ScriptedUpstream(model);
        Path lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  scripted: {base_url: "%s", api_key_env: LANEBENCH_E2E_KEY}
                models:
                  m: {endpoint: scripted, id: %s, price_per_mtok: {input: 1.40, output: 4.40, cached_input: 0.26}}
                lanes:
                  m-codex: {runner: codex, model: m}
                """.formatted(upstream.baseUrl(), MODEL));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LANEBENCH_E2E_KEY", KEY);
        env.put("LANEBENCH_CANARY", CANARY);
        Readiness ready = RunnerFactory.create(LanesFile.load(lanes).lane("m-codex")).readiness(env);
        if (!ready.ready()) {
            System.out.println("skipping codex lane end-to-end test: " + ready.reason());
        }
        Assumptions.assumeTrue(ready.ready(), ready.reason());
        List<String> args = new ArrayList<>(List.of("run", "--tasks-dir", tasks.toString(), "--lanes-file",
                lanes.toString(), "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(),
                "--lanes", "m-codex", "--out", out.toString(), "--retry-backoff", "0"));
        args.addAll(List.of(extra));
        return CliRun.withEnv(env, args.toArray(String[]::new));
    }

    @Test
    void codexLaneSolvesACatalogueTaskWithTheExpectedCompositeAndProxyTotals() throws Exception {
        CatalogueSolution solution = CatalogueSolution.of("t1_trivial", "env-script-fix");
        Path out = tmp.resolve("catalogue");
        CliRun r = run(req -> {
            int written = ScriptedUpstream.toolResults(req);
            if (written >= solution.files().size()) {
                return Answer.text("The .env parser now follows the documented format.");
            }
            CatalogueSolution.File f = solution.files().get(written);
            return command("call_" + written, writeFile(f.path(), f.content()));
        }, solution.tasksDir(), out, "--tasks", "env-script-fix", "--reps", "1");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.runner()).isEqualTo("codex");
        assertThat(row.correctness()).as(row.verifyEvidence()).isEqualTo(5.0);
        ScoringConfig scoring = ScoringConfig.load(Path.of("../scoring.yaml"));
        Double expected = Composite.compute(new Components(row.correctness(), null, row.costEff(), row.timeEff(), null),
                scoring.weights());
        assertThat(row.composite()).isEqualTo(expected).isGreaterThan(4.9);
        int calls = upstream.requests.size();
        assertThat(calls).isEqualTo(solution.files().size() + 1);
        // ScriptedUpstream reports 100 prompt (20 cached) and 10 completion tokens per call.
        assertThat(row.inputTokens()).isEqualTo(80L * calls);
        assertThat(row.cachedTokens()).isEqualTo(20L * calls);
        assertThat(row.outputTokens()).isEqualTo(10L * calls);
        assertThat(row.costUsd()).isPositive();
        assertThat(row.servedModels()).isEqualTo(MODEL);
        assertThat(row.routeOk()).isTrue();
        assertThat(row.turns()).isEqualTo(calls);
        assertThat(row.agentExit()).isZero();
        assertThat(Files.readString(out.resolve("transcripts/env-script-fix/m-codex/r1-a1.jsonl")))
                .contains("\"tool\":\"run\"").contains("\"name\":\"command_execution\"").contains("\"type\":\"model_call\"")
                .contains("\"result_bytes\":").contains("\"stop_reason\":\"tool_calls\"").contains("\"stop_reason\":\"stop\"");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"codex_cli\"");
    }

    @Test
    void anUpstreamThatAlwaysRateLimitsIsInfraErrorRetriedThenCounted() throws Exception {
        Path out = tmp.resolve("rate-limited");
        CliRun r = run(req -> Answer.error(429, "rate limited", Map.of("Retry-After", "0")), out, "--retries", "1");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows).hasSize(2).allMatch(x -> x.status() == Status.INFRA_ERROR);
        assertThat(rows).extracting(RawRow::attempt).containsExactly(1, 2);
        assertThat(rows).allMatch(x -> x.composite() == null && x.correctness() == null);
        assertThat(CliRun.of("table", out.toString()).out()).contains("2 infra");
    }

    @Test
    void aServedModelSwitchMakesTheRowOffRoute() throws Exception {
        Path out = tmp.resolve("switched");
        AtomicInteger n = new AtomicInteger();
        CliRun r = run(req -> n.incrementAndGet() == 1 ? writeGreeting()
                : Answer.text("Wrote greeting.txt.").servedBy("other/cheaper-model"), out);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.routeOk()).isFalse();
        assertThat(row.servedModels()).contains(MODEL).contains("other/cheaper-model");
    }

    @Test
    void aFailedTurnAfterACorrectWriteStillScores() throws Exception {
        Path out = tmp.resolve("failed-turn");
        CliRun r = run(req -> ScriptedUpstream.toolResults(req) > 0 ? Answer.error(400, "the conversation is malformed", Map.of())
                : writeGreeting(), out);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.correctness()).isEqualTo(5.0);
        assertThat(row.error()).contains("turn failed").contains("malformed");
    }

    @Test
    void theCliNeverSeesAKeyOrAnythingElseOfTheHarnessEnvironment() throws Exception {
        Path out = tmp.resolve("secrets");
        CliRun r = run(req -> ScriptedUpstream.toolResults(req) > 0 ? Answer.text("Done.")
                : command("call_env", "env > cli-env.txt && " + writeFile("greeting.txt", "hello\n")),
                out, "--keep-workspaces");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        Path kept = Path.of(r.err().lines().filter(l -> l.startsWith("workspaces kept under "))
                .findFirst().orElseThrow().substring("workspaces kept under ".length()).strip());
        String cliEnv;
        try (Stream<Path> s = Files.walk(kept)) {
            Path dump = s.filter(p -> p.getFileName().toString().equals("cli-env.txt")).findFirst().orElseThrow();
            cliEnv = Files.readString(dump);
        } finally {
            dev.lanebench.harness.workspace.Workspace.deleteTree(kept);
        }
        assertThat(cliEnv).contains("LANEBENCH_PROXY_TOKEN=lanebench-local-")
                .doesNotContain(KEY).doesNotContain(CANARY).doesNotContain("LANEBENCH_E2E_KEY");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(KEY).doesNotContain(CANARY);
            }
        }
    }
}
