package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.harness.CatalogueSolution;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lanebench run --lanes <flat lane>` against a scripted OpenAI-compatible model, from request to raw.csv row. */
class FlatLaneEndToEndTest {
    static final String KEY = "sk-lanebench-test-SECRET-0042";
    static final String MODEL = "test/model-1";

    @TempDir
    Path tmp;
    MockWebServer model;
    Path tasks;
    Path lanes;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        model = new MockWebServer();
        model.start(java.net.InetAddress.getLoopbackAddress(), 0);
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  scripted: {base_url: "http://127.0.0.1:%d/v1", api_key_env: LANEBENCH_E2E_KEY}
                models:
                  m:
                    endpoint: scripted
                    id: %s
                    price_per_mtok: {input: 1.0, output: 2.0, cached_input: 0.5}
                lanes:
                  m-flat: {runner: flat, model: m, max_turns: 5, max_tokens: 1024}
                """.formatted(model.getPort(), MODEL));
        env = new HashMap<>(System.getenv());
        env.put("LANEBENCH_E2E_KEY", KEY);
    }

    @AfterEach
    void tearDown() throws Exception {
        model.shutdown();
    }

    private static MockResponse answer(String served, String message, String finish, long prompt, long cached, long completion) {
        String body = """
                {"id":"c","object":"chat.completion","model":"%s",
                 "choices":[{"index":0,"message":%s,"finish_reason":"%s"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                          "prompt_tokens_details":{"cached_tokens":%d}}}
                """.formatted(served, message, finish, prompt, completion, prompt + completion, cached);
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse writeGreeting(String served) {
        return answer(served, """
                {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"write_file","arguments":"{\\"path\\":\\"greeting.txt\\",\\"content\\":\\"hello\\\\n\\"}"}}]}""",
                "tool_calls", 1000, 200, 50);
    }

    private static MockResponse done(String served) {
        return answer(served, "{\"role\":\"assistant\",\"content\":\"Done: greeting.txt says hello.\"}", "stop", 1200, 1000, 10);
    }

    private CliRun run(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--tasks-dir", tasks.toString(), "--lanes-file",
                lanes.toString(), "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(),
                "--lanes", "m-flat", "--out", out.toString(), "--retry-backoff", "0"));
        args.addAll(List.of(extra));
        return CliRun.withEnv(env, args.toArray(String[]::new));
    }

    @Test
    void flatLaneSolvesTheTaskAndItsRowIsComplete() throws Exception {
        model.enqueue(writeGreeting(MODEL));
        model.enqueue(done(MODEL));
        Path out = tmp.resolve("flat-run");
        CliRun r = run(out);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();

        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.runner()).isEqualTo("flat");
        assertThat(row.model()).isEqualTo("m");
        assertThat(row.correctness()).isEqualTo(5.0);
        assertThat(row.composite()).isGreaterThan(4.5);
        assertThat(row.turns()).isEqualTo(2);
        assertThat(row.toolCalls()).isEqualTo(1);
        assertThat(row.inputTokens()).isEqualTo(800 + 200);
        assertThat(row.cachedTokens()).isEqualTo(200 + 1000);
        assertThat(row.outputTokens()).isEqualTo(60);
        assertThat(row.costUsd()).isCloseTo((1000 * 1.0 + 1200 * 0.5 + 60 * 2.0) / 1e6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row.costEff()).isNotNull();
        assertThat(row.servedModels()).isEqualTo(MODEL);
        assertThat(row.routeOk()).isTrue();

        RecordedRequest first = model.takeRequest();
        assertThat(first.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(first.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(Files.readString(out.resolve("routes.jsonl")).lines()).hasSize(2)
                .allMatch(l -> l.contains("\"model_served\":\"" + MODEL + "\"") && l.contains("\"task\":\"say-hello\""));
        assertThat(Files.readString(out.resolve("transcripts/say-hello/m-flat/r1-a1.jsonl")))
                .contains("\"type\":\"model_call\"").contains("\"tool\":\"write\"")
                .contains("\"stop_reason\":\"tool_calls\"").contains("\"stop_reason\":\"stop\"")
                .containsPattern("\"result\":\"wrote \\d+ bytes to greeting.txt\",\"result_bytes\":\\d+");
        assertThat(Files.readString(out.resolve("checks/say-hello/m-flat/r1-a1.json"))).contains("greeting says hello");
        assertNoFileHolds(out, KEY);
    }

    @Test
    void flatLaneSolvesACatalogueTaskWithTheExpectedComposite() throws Exception {
        CatalogueSolution solution = CatalogueSolution.of("t1_trivial", "env-script-fix");
        ObjectMapper json = new ObjectMapper();
        AtomicInteger turn = new AtomicInteger();
        model.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int i = turn.getAndIncrement();
                if (i >= solution.files().size()) {
                    return done(MODEL);
                }
                CatalogueSolution.File f = solution.files().get(i);
                ObjectNode args = json.createObjectNode().put("path", f.path()).put("content", f.content());
                ObjectNode call = json.createObjectNode().put("id", "call_" + i).put("type", "function");
                call.putObject("function").put("name", "write_file").put("arguments", args.toString());
                ObjectNode message = json.createObjectNode().put("role", "assistant").putNull("content");
                message.putArray("tool_calls").add(call);
                return answer(MODEL, message.toString(), "tool_calls", 1000, 200, 50);
            }
        });
        Path out = tmp.resolve("catalogue-run");
        CliRun r = CliRun.withEnv(env, "run", "--tasks-dir", solution.tasksDir().toString(), "--lanes-file", lanes.toString(),
                "--scoring-file", Path.of("../scoring.yaml").toAbsolutePath().toString(), "--lanes", "m-flat",
                "--tasks", "env-script-fix", "--reps", "1", "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.status()).isEqualTo(Status.SCORED);
        assertThat(row.correctness()).isEqualTo(5.0);
        assertThat(row.toolCalls()).isEqualTo(solution.files().size());
        assertThat(row.process()).as("the task has no budgets").isNull();
        ScoringConfig scoring = ScoringConfig.load(Path.of("../scoring.yaml"));
        Double expected = Composite.compute(new Components(row.correctness(), null, row.costEff(), row.timeEff(), null),
                scoring.weights());
        assertThat(row.composite()).isEqualTo(expected).isGreaterThan(4.9);
        assertThat(row.costEff()).isEqualTo(Composite.costEff(row.costUsd(), scoring.budgetUsd("t1_trivial")));
    }

    @Test
    void aDifferentServedModelMakesTheRowOffRoute() throws Exception {
        model.enqueue(writeGreeting("other/fallback-model"));
        model.enqueue(done(MODEL));
        Path out = tmp.resolve("off-route");
        assertThat(run(out).exit()).isZero();
        RawRow row = RawCsvReader.read(out.resolve("raw.csv")).get(0);
        assertThat(row.routeOk()).isFalse();
        assertThat(row.servedModels()).contains("other/fallback-model").contains(MODEL);
        assertThat(CliRun.of("table", out.toString()).out()).contains("off-route");
    }

    @Test
    void noCreditsIsAnInfraErrorRetriedThenCounted() throws Exception {
        for (int i = 0; i < 4; i++) {
            model.enqueue(new MockResponse().setResponseCode(402)
                    .setBody("{\"error\":{\"message\":\"Insufficient credits for key " + KEY + "\",\"code\":402}}"));
        }
        Path out = tmp.resolve("no-credits");
        CliRun r = run(out, "--retries", "1");
        assertThat(r.exit()).isEqualTo(1);
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows).hasSize(2).allMatch(x -> x.status() == Status.INFRA_ERROR);
        assertThat(rows).extracting(RawRow::attempt).containsExactly(1, 2);
        assertThat(rows.get(0).correctness()).isNull();
        assertThat(rows.get(0).composite()).isNull();
        assertThat(rows.get(0).error()).contains("402");
        assertThat(model.getRequestCount()).as("402 is not retried within an attempt").isEqualTo(2);
        assertNoFileHolds(out, KEY);
    }

    private static void assertNoFileHolds(Path dir, String secret) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(secret);
            }
        }
    }
}
