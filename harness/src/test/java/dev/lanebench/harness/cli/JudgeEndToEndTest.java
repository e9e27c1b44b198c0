package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.harness.judge.ScriptedJudge;
import dev.lanebench.runners.sandbox.TestSandboxes;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.judge.AttemptId;
import dev.lanebench.scoring.judge.Judgement;
import dev.lanebench.scoring.judge.JudgementFile;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality judge from the command line: {@code run} judges the scored attempts of tasks with a rubric blindly,
 * keeps the judges' cost apart and survives their outage; {@code judge RUN} re-judges a finished run into a file
 * that {@code table} and {@code report} join. Lane model and judges are scripted servers on 127.0.0.1.
 */
class JudgeEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCORING = """
            weights: {correctness: 0.6, process: 0.1, cost_eff: 0.1, time_eff: 0.1, quality: 0.1}
            cost_budget_usd: {t1_trivial: 0.05, t5_review_design: 0.40}
            """;

    @TempDir
    Path tmp;
    MockWebServer laneModel;
    final List<ScriptedJudge> judges = new ArrayList<>();
    Path tasks;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t5_review_design", "say-hello").file("verify/rubric.md", ScriptedJudge.GREETING_RUBRIC);
        TaskFixture.greeting(tasks, "t1_trivial", "plain-hello");
        laneModel = new MockWebServer();
        laneModel.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    JsonNode messages = JSON.readTree(request.getBody().readUtf8()).path("messages");
                    boolean wrote = "tool".equals(messages.get(messages.size() - 1).path("role").asText());
                    return wrote ? laneAnswer(JSON.createObjectNode().put("role", "assistant")
                            .put("content", "Done by vendor/secret-model-9 (secretmodel) in lane secret-flat."), "stop")
                            : laneAnswer(writeGreeting(), "tool_calls");
                } catch (IOException e) {
                    return new MockResponse().setResponseCode(400);
                }
            }
        });
        laneModel.start(InetAddress.getLoopbackAddress(), 0);
        env = new HashMap<>(System.getenv());
        env.put("LANEBENCH_E2E_KEY", "sk-judge-test-SECRET-77");
    }

    @AfterEach
    void tearDown() throws IOException {
        laneModel.shutdown();
        for (ScriptedJudge j : judges) {
            j.close();
        }
    }

    private static ObjectNode writeGreeting() {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
        call.putObject("function").put("name", "write_file").put("arguments", "{\"path\":\"greeting.txt\",\"content\":\"hello\\n\"}");
        return message;
    }

    private static MockResponse laneAnswer(ObjectNode message, String finish) {
        ObjectNode body = JSON.createObjectNode().put("id", "c").put("object", "chat.completion")
                .put("model", "vendor/secret-model-9");
        body.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
        body.putObject("usage").put("prompt_tokens", 1000).put("completion_tokens", 50).put("total_tokens", 1050);
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    private Path lanes() throws IOException {
        StringBuilder y = new StringBuilder("endpoints:\n");
        y.append("  lane: {base_url: \"http://127.0.0.1:").append(laneModel.getPort())
                .append("/v1\", api_key_env: LANEBENCH_E2E_KEY}\n");
        for (int i = 0; i < judges.size(); i++) {
            y.append("  j").append(i).append(": {base_url: \"").append(judges.get(i).baseUrl()).append("\"}\n");
        }
        y.append("models:\n  secretmodel: {endpoint: lane, id: vendor/secret-model-9, ")
                .append("price_per_mtok: {input: 1.0, output: 2.0}}\n");
        for (int i = 0; i < judges.size(); i++) {
            y.append("  judge-").append((char) ('a' + i)).append(": {endpoint: j").append(i).append(", id: ")
                    .append(judges.get(i).modelId()).append("}\n");
        }
        y.append("lanes:\n  secret-flat: {runner: flat, model: secretmodel, max_turns: 5, sandbox: ")
                .append(TestSandboxes.best().name()).append("}\n  ref-lane-7: {runner: oracle}\n");
        Path f = tmp.resolve("lanes.yaml");
        Files.writeString(f, y);
        return f;
    }

    private Path scoring(String judge) throws IOException {
        Path f = tmp.resolve("scoring.yaml");
        Files.writeString(f, SCORING + (judge == null ? "" : judge + "\n"));
        return f;
    }

    /** A command; run and judge read this test's catalogue, lanes and scoring files. */
    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args[0].equals("run") || args[0].equals("judge")) {
            all.addAll(List.of("--tasks-dir", tasks.toString(), "--lanes-file", tmp.resolve("lanes.yaml").toString(),
                    "--scoring-file", tmp.resolve("scoring.yaml").toString()));
        }
        if (args[0].equals("run")) {
            all.add("--no-preflight"); // the scripted model plays an attempt, not a pre-flight probe
        }
        return CliRun.withEnv(env, all.toArray(String[]::new));
    }

    private static RawRow row(Path run, String task, String lane) throws IOException {
        return RawCsvReader.read(run.resolve("raw.csv")).stream()
                .filter(r -> r.task().equals(task) && r.lane().equals(lane)).findFirst().orElseThrow();
    }

    private static List<JsonNode> routes(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("routes.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static double cellMedian(String tableJson, String task, String lane) throws IOException {
        for (JsonNode c : JSON.readTree(tableJson).path("cells")) {
            if (c.path("task").asText().equals(task) && c.path("lane").asText().equals(lane)) {
                return c.path("median").asDouble();
            }
        }
        throw new AssertionError("no cell " + task + " × " + lane + " in " + tableJson);
    }

    @Test
    void aRunJudgesRubricTasksBlindlyAndKeepsTheJudgesCostApart() throws Exception {
        judges.add(ScriptedJudge.constant("v/judge-a", 3.0, 0.001));
        judges.add(ScriptedJudge.constant("v/judge-b", 4.0, 0.002));
        lanes();
        scoring("judge: {panel: [judge-a, judge-b], max_spread: 1.5}");
        Path run = tmp.resolve("run");

        CliRun r = cli("run", "--lanes", "secret-flat,ref-lane-7", "--out", run.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("judge: panel judge-a+judge-b scores the quality of tasks with a rubric");
        ScoringConfig weights = ScoringConfig.load(tmp.resolve("scoring.yaml"));
        for (String lane : List.of("secret-flat", "ref-lane-7")) {
            RawRow judged = row(run, "say-hello", lane);
            assertThat(judged.quality()).as(lane).isEqualTo(3.5);
            assertThat(judged.judgeCostUsd()).isCloseTo(0.003, Offset.offset(1e-12));
            assertThat(judged.composite()).isEqualTo(Composite.compute(new Components(judged.correctness(),
                    judged.process(), judged.costEff(), judged.timeEff(), 3.5), weights.weights()));
            RawRow plain = row(run, "plain-hello", lane);
            assertThat(plain.quality()).as("no rubric, no judge").isNull();
            assertThat(plain.judgeCostUsd()).isNull();
        }

        List<JsonNode> routes = routes(run);
        List<JsonNode> judgeCalls = routes.stream().filter(l -> l.path("role").asText().equals("judge")).toList();
        assertThat(judgeCalls).hasSize(4).allMatch(l -> l.path("task").asText().equals("say-hello")
                && l.path("judge_panel").asText().equals("judge-a+judge-b"));
        RawRow flat = row(run, "say-hello", "secret-flat");
        double laneCalls = routes.stream().filter(l -> l.path("task").asText().equals("say-hello")
                && l.path("lane").asText().equals("secret-flat") && !l.path("role").asText().equals("judge"))
                .mapToDouble(l -> l.path("cost_usd").asDouble()).sum();
        assertThat(flat.costUsd()).as("the lane's cost holds its own calls only").isCloseTo(laneCalls, Offset.offset(1e-12));
        assertThat(flat.costUsd()).isCloseTo((2 * 1000 * 1.0 + 2 * 50 * 2.0) / 1e6, Offset.offset(1e-12));

        assertThat(JudgementFile.read(JudgementFile.of(run, "judge-a+judge-b"))).hasSize(2);
        List<String> sent = new ArrayList<>();
        judges.forEach(j -> sent.addAll(j.bodies()));
        assertThat(sent).hasSize(4);
        for (String body : sent) {
            String b = body.toLowerCase(Locale.ROOT);
            assertThat(b).contains("+hello");
            for (String name : List.of("secret-flat", "secretmodel", "secret-model-9", "vendor/", "ref-lane-7")) {
                assertThat(b).as("a judge request names " + name).doesNotContain(name);
            }
        }
        assertThat(Files.readString(run.resolve("summary.md"))).contains("quality from");
    }

    @Test
    void aJudgeOutageLeavesQualityEmptyAndTheTablesCountIt() throws Exception {
        judges.add(ScriptedJudge.failing("v/judge-a", 503));
        judges.add(ScriptedJudge.failing("v/judge-b", 500));
        lanes();
        scoring("judge: {panel: [judge-a, judge-b], timeout_s: 0.5}");
        Path run = tmp.resolve("run");

        CliRun r = cli("run", "--lanes", "ref-lane-7", "--tasks", "say-hello", "--out", run.toString());

        assertThat(r.exit()).as("the attempt is scored: the judge is not the grader").isZero();
        RawRow row = row(run, "say-hello", "ref-lane-7");
        assertThat(row.quality()).isNull();
        assertThat(row.correctness()).isEqualTo(5.0);
        assertThat(row.error()).startsWith("judge: no panel member answered (").contains("HTTP 503").contains("HTTP 500");
        assertThat(cli("table", run.toString()).out())
                .contains("judge: no panel member answered for say-hello × ref-lane-7 r1-a1: quality left empty, not 0");
    }

    @Test
    void judgeRejudgesAFinishedRunIntoItsOwnFileThatTableAndReportJoin() throws Exception {
        judges.add(ScriptedJudge.constant("v/judge-a", 1.0, 0.001));
        judges.add(ScriptedJudge.constant("v/judge-b", 4.0, 0.002));
        lanes();
        scoring(null);
        Path run = tmp.resolve("run");
        assertThat(cli("run", "--lanes", "ref-lane-7", "--out", run.toString()).exit()).isZero();
        RawRow before = row(run, "say-hello", "ref-lane-7");
        assertThat(before.quality()).as("no judge configured").isNull();
        byte[] raw = Files.readAllBytes(run.resolve("raw.csv"));

        CliRun judged = cli("judge", run.toString(), "--panel", "judge-b");

        assertThat(judged.exit()).as(judged.out() + judged.err()).isZero();
        assertThat(judged.out()).contains("say-hello × ref-lane-7 r1-a1: quality 4.00 (1 of 1 judges)")
                .contains("plain-hello × ref-lane-7 r1-a1: not judged: no rubric")
                .contains("2 scored attempts: 1 judged, 0 without any judge's answer, 1 not judged");
        assertThat(Files.readAllBytes(run.resolve("raw.csv"))).as("raw.csv is never rewritten").isEqualTo(raw);
        Judgement j = JudgementFile.read(JudgementFile.of(run, "judge-b")).get(AttemptId.of(before));
        assertThat(j.quality()).isEqualTo(4.0);
        assertThat(j.composite()).isNotEqualTo(before.composite());
        assertThat(routes(run)).filteredOn(l -> l.path("role").asText().equals("judge")).hasSize(1);

        assertThat(cellMedian(cli("table", run.toString(), "--format", "json").out(), "say-hello", "ref-lane-7"))
                .isEqualTo(j.composite());
        assertThat(cellMedian(cli("table", run.toString(), "--format", "json", "--judge", "none").out(), "say-hello",
                "ref-lane-7")).isEqualTo(before.composite());

        Path heavyQuality = tmp.resolve("heavy-quality.yaml");
        Files.writeString(heavyQuality, SCORING.replace("quality: 0.1", "quality: 1.0"));
        double rescored = Composite.compute(new Components(before.correctness(), before.process(), before.costEff(),
                before.timeEff(), 4.0), ScoringConfig.load(heavyQuality).weights());
        assertThat(cellMedian(cli("table", run.toString(), "--format", "json", "--scoring-file", heavyQuality.toString())
                .out(), "say-hello", "ref-lane-7")).as("rescored with the joined quality").isEqualTo(rescored);

        assertThat(cli("judge", run.toString(), "--panel", "judge-a").exit()).isZero();
        Files.setLastModifiedTime(JudgementFile.of(run, "judge-b"), java.nio.file.attribute.FileTime.fromMillis(0));
        CliRun newest = cli("table", run.toString());
        assertThat(newest.out()).contains("(panel judge-a)").contains("was also judged by judge-b (choose with --judge)");
        assertThat(cellMedian(cli("table", run.toString(), "--format", "json", "--judge", "judge-b").out(),
                "say-hello", "ref-lane-7")).isEqualTo(j.composite());
        CliRun unknown = cli("table", run.toString(), "--judge", "judge-c");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("lanebench: " + run + ": no judgements of panel 'judge-c' "
                + "(judged by: judge-a, judge-b)").doesNotContain("\n");

        CliRun report = cli("report", run.toString(), "--judge", "judge-b");
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(Files.readString(run.resolve("report.html"))).contains("quality from");
    }

    @Test
    void aPanelThatCannotBeUsedIsRefusedInOneLineBeforeAnythingRuns() throws Exception {
        judges.add(ScriptedJudge.constant("v/judge-a", 3.0, 0.001));
        lanes();
        Path scoring = scoring("judge: {panel: [judge-a, nope]}");
        Path run = tmp.resolve("run");

        CliRun r = cli("run", "--lanes", "ref-lane-7", "--out", run.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("lanebench: " + scoring + ": judge.panel[1]: no model 'nope' in "
                + tmp.resolve("lanes.yaml") + " models (known: judge-a, secretmodel)");
        assertThat(run).doesNotExist();

        scoring(null);
        assertThat(cli("run", "--lanes", "ref-lane-7", "--out", run.toString()).exit()).isZero();
        CliRun noPanel = cli("judge", run.toString());
        assertThat(noPanel.exit()).isEqualTo(2);
        assertThat(noPanel.err()).contains("judge: missing (no panel to judge with; set judge.panel or give --panel)");
        env.remove("LANEBENCH_E2E_KEY");
        CliRun notReady = cli("judge", run.toString(), "--panel", "secretmodel");
        assertThat(notReady.exit()).isEqualTo(2);
        assertThat(notReady.err().strip()).isEqualTo("lanebench: --panel: judge model 'secretmodel' is not ready: "
                + "LANEBENCH_E2E_KEY not set");
    }
}
