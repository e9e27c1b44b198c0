package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.harness.CatalogueSolution;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.harness.lanes.LanesFile;
import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.proxy.ScriptedUpstream;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * `lanebench run --lanes <claude lane>`: the real claude CLI, the built-in proxy and a scripted OpenAI-compatible
 * model on 127.0.0.1, down to the raw.csv row. Skipped, with the reason printed, only where no claude CLI is found.
 */
class ClaudeLaneEndToEndTest {
    static final String KEY = "sk-claude-lane-e2e-SECRET-9931";
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

    private static boolean answersATool(JsonNode request) {
        return toolResults(request) > 0;
    }

    private static Answer writeGreeting() {
        return Answer.tool("call_w1", "Write", "{\"file_path\":\"greeting.txt\",\"content\":\"hello\\n\"}");
    }

    /** Writes the catalogue and lanes for a scripted model, checks the lane is ready, and runs it. */
    private CliRun run(Function<JsonNode, Answer> model, int maxTurns, Path out, String... extra) throws Exception {
        Path tasks = tmp.resolve("tasks");
        if (!Files.exists(tasks)) {
            TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        }
        return run(model, maxTurns, tasks, out, extra);
    }

    private CliRun run(Function<JsonNode, Answer> model, int maxTurns, Path tasks, Path out, String... extra) throws Exception {
        upstream = new ScriptedUpstream(model);
        Path lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  scripted: {base_url: "%s", api_key_env: LANEBENCH_E2E_KEY}
                models:
                  m: {endpoint: scripted, id: %s, price_per_mtok: {input: 1.40, output: 4.40, cached_input: 0.26}}
                lanes:
                  m-harness: {runner: claude, model: m, max_turns: %d}
                """.formatted(upstream.baseUrl(), MODEL, maxTurns));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LANEBENCH_E2E_KEY", KEY);
        Readiness ready = RunnerFactory.create(LanesFile.load(lanes).lane("m-harness")).readiness(env);
        if (!ready.ready()) {
            System.out.println("skipping claude lane end-to-end test: " + ready.reason());
        }
        Assumptions.assumeTrue(ready.ready(), ready.reason());
        List<String> args = new java.util.ArrayList<>(List.of("run", "--tasks-dir", tasks.toString(), "--lanes-file",
                lanes.toString(), "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(),
                "--lanes", "m-harness", "--out", out.toString(), "--retry-backoff", "0"));
        args.addAll(List.of(extra));
        return CliRun.withEnv(env, args.toArray(String[]::new));
    }

    @Test
    void claudeLaneSolvesTheTaskAndItsRowIsScoredWithProxyTotals() throws Exception {
        Path out = tmp.resolve("solved");
        CliRun r = run(req -> answersATool(req) ? Answer.text("Wrote greeting.txt.") : writeGreeting(), 8, out);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.runner()).isEqualTo("claude");
        assertThat(row.correctness()).isEqualTo(5.0);
        assertThat(row.composite()).isGreaterThan(4.5);
        int calls = upstream.requests.size();
        assertThat(calls).isGreaterThanOrEqualTo(2);
        // ScriptedUpstream reports 100 prompt (20 cached) and 10 completion tokens per call.
        assertThat(row.inputTokens()).isEqualTo(80L * calls);
        assertThat(row.cachedTokens()).isEqualTo(20L * calls);
        assertThat(row.outputTokens()).isEqualTo(10L * calls);
        assertThat(row.costUsd()).isPositive();
        assertThat(row.servedModels()).isEqualTo(MODEL);
        assertThat(row.routeOk()).isTrue();
        assertThat(row.agentExit()).isZero();
        assertThat(Files.readString(out.resolve("transcripts/say-hello/m-harness/r1-a1.jsonl")))
                .contains("\"tool\":\"write\"").contains("\"name\":\"Write\"").contains("\"type\":\"model_call\"")
                .containsPattern("\"result\":\"[^\"]*greeting.txt[^\"]*\",\"result_bytes\":\\d+")
                .contains("\"stop_reason\":\"tool_calls\"").contains("\"stop_reason\":\"stop\"")
                .contains("\"type\":\"assistant_text\"");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"claude_cli\"");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(KEY);
            }
        }
    }

    @Test
    void claudeLaneSolvesACatalogueTaskWithTheExpectedComposite() throws Exception {
        CatalogueSolution solution = CatalogueSolution.of("t1_trivial", "env-script-fix");
        ObjectMapper json = new ObjectMapper();
        Path out = tmp.resolve("catalogue");
        CliRun r = run(req -> {
            int written = toolResults(req);
            if (written >= solution.files().size()) {
                return Answer.text("The .env parser now follows the documented format.");
            }
            CatalogueSolution.File f = solution.files().get(written);
            String args = json.createObjectNode().put("file_path", f.path()).put("content", f.content()).toString();
            return Answer.tool("call_" + written, "Write", args);
        }, 20, solution.tasksDir(), out, "--tasks", "env-script-fix", "--reps", "1");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.correctness()).as(row.verifyEvidence()).isEqualTo(5.0);
        assertThat(row.routeOk()).isTrue();
        assertThat(row.outputTokens()).isEqualTo(10L * upstream.requests.size());
        ScoringConfig scoring = ScoringConfig.load(Path.of("../scoring.yaml"));
        Double expected = Composite.compute(new Components(row.correctness(), null, row.costEff(), row.timeEff(), null),
                scoring.weights());
        assertThat(row.composite()).isEqualTo(expected).isGreaterThan(4.9);
    }

    private static int toolResults(JsonNode request) {
        int n = 0;
        for (JsonNode m : request.path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void anUpstreamThatAlwaysRateLimitsIsInfraErrorRetriedThenCounted() throws Exception {
        Path out = tmp.resolve("rate-limited");
        CliRun r = run(req -> Answer.error(429, "rate limited", Map.of("Retry-After", "0")), 8, out, "--retries", "1");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows).hasSize(2).allMatch(x -> x.status() == Status.INFRA_ERROR);
        assertThat(rows).extracting(RawRow::attempt).containsExactly(1, 2);
        assertThat(rows).allMatch(x -> x.composite() == null && x.correctness() == null);
        assertThat(CliRun.of("table", out.toString()).out()).contains("2 infra");
    }

    @Test
    void aModelSwitchMidRunMakesTheRowOffRoute() throws Exception {
        Path out = tmp.resolve("switched");
        AtomicInteger n = new AtomicInteger();
        CliRun r = run(req -> n.incrementAndGet() == 1 ? writeGreeting()
                : Answer.text("Wrote greeting.txt.").servedBy("other/cheaper-model"), 8, out);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.routeOk()).isFalse();
        assertThat(row.servedModels()).contains(MODEL).contains("other/cheaper-model");
    }

    @Test
    void aCliThatExitsOneAfterWritingTheRightFileStillScores() throws Exception {
        Path out = tmp.resolve("exit-one");
        // One turn allowed: the CLI writes the file, then stops on max turns with exit 1.
        CliRun r = run(req -> answersATool(req) ? Answer.text("Done.") : writeGreeting(), 1, out);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.agentExit()).isEqualTo(1);
        assertThat(row.correctness()).isEqualTo(5.0);
    }
}
