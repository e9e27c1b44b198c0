package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.harness.ScriptedModel;
import dev.lanebench.harness.ScriptedModel.Reply;
import dev.lanebench.harness.TaskFixture;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-flight against scripted servers on 127.0.0.1: each way a lane can be broken is caught before the run pays
 * for it, as a named verdict; the lane gets no attempt; the run says why and exits 1.
 */
class PreflightTest {
    static final String KEY = "sk-preflight-test-SECRET-7781";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    ScriptedModel model;
    Path tasks;
    Path lanes;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        model = new ScriptedModel();
        model.override("bad/rejected", req -> new Reply(401, ScriptedModel.error(401, "Invalid API key")));
        model.override("bad/no-credit", req -> new Reply(402, ScriptedModel.error(402, "Insufficient credits")));
        model.override("bad/switched", req -> new Reply(200, model.agent(req, "other/cheaper-model")));
        model.override("bad/fallback", req -> new Reply(200,
                model.completion("bad/fallback", "Novita", ScriptedModel.text("OK"), "stop")));
        model.override("good/pinned", req -> {
            ObjectNode answer = (ObjectNode) read(model.agent(req, "good/pinned"));
            return new Reply(200, answer.put("provider", "Z.AI").toString());
        });
        model.override("bad/thinker", req -> {
            ObjectNode thinking = JSON.createObjectNode().put("role", "assistant").put("content", "")
                    .put("reasoning_content", "The user wants OK. Let me consider what OK means in this");
            return new Reply(200, model.completion("bad/thinker", null, thinking, "length"));
        });
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, """
                endpoints:
                  plain: {base_url: "%s", api_key_env: PF_KEY}
                  pinned: {base_url: "%s", api_key_env: PF_KEY,
                           body: {provider: {order: [z-ai], allow_fallbacks: false}}}
                  blank: {base_url: "%s", api_key_env: PF_BLANK}
                models:
                  good: {endpoint: plain, id: good/model, price_per_mtok: {input: 1.0, output: 2.0}}
                  pinned-good: {endpoint: pinned, id: good/pinned}
                  rejected: {endpoint: plain, id: bad/rejected}
                  broke: {endpoint: plain, id: bad/no-credit}
                  switched: {endpoint: plain, id: bad/switched}
                  fallback: {endpoint: pinned, id: bad/fallback}
                  thinker: {endpoint: plain, id: bad/thinker}
                  nokey: {endpoint: blank, id: bad/nokey}
                lanes:
                  good-flat: {runner: flat, model: good, max_turns: 5}
                  pinned-flat: {runner: flat, model: pinned-good, max_turns: 5}
                  rejected-flat: {runner: flat, model: rejected}
                  broke-flat: {runner: flat, model: broke}
                  switched-flat: {runner: flat, model: switched}
                  fallback-flat: {runner: flat, model: fallback}
                  thinker-flat: {runner: flat, model: thinker, max_tokens: 16}
                  nokey-flat: {runner: flat, model: nokey}
                  oracle: {runner: oracle}
                """.formatted(model.baseUrl("plain"), model.baseUrl("pinned"), model.baseUrl("blank")));
        env = new HashMap<>(System.getenv());
        env.put("PF_KEY", KEY);
        env.put("PF_BLANK", "");
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CliRun cli(String... args) {
        return CliRun.withConfig(env, tasks, lanes, args);
    }

    @Test
    void eachBrokenLaneIsNamedSkippedAndTheRunExitsOne() throws Exception {
        Path out = tmp.resolve("run");
        CliRun r = cli("run", "--lanes", "good-flat,pinned-flat,rejected-flat,broke-flat,switched-flat,fallback-flat,"
                + "thinker-flat,nokey-flat,oracle", "--out", out.toString(), "--retry-backoff", "0");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);

        JsonNode manifest = JSON.readTree(out.resolve("run.json").toFile());
        Map<String, String> verdicts = new LinkedHashMap<>();
        manifest.path("preflight").forEach(p -> verdicts.put(p.path("lane").asText(), p.path("verdict").asText()));
        assertThat(verdicts).containsExactly(
                Map.entry("good-flat", "ok"), Map.entry("pinned-flat", "ok"),
                Map.entry("rejected-flat", "key_rejected"), Map.entry("broke-flat", "no_credit"),
                Map.entry("switched-flat", "model_switch"), Map.entry("fallback-flat", "provider_fallback"),
                Map.entry("thinker-flat", "reasoning_budget"), Map.entry("nokey-flat", "empty_key"));
        Map<String, String> skipped = new LinkedHashMap<>();
        manifest.path("skipped_lanes").forEach(s -> skipped.put(s.path("lane").asText(), s.path("reason").asText()));
        assertThat(skipped).containsOnlyKeys("rejected-flat", "broke-flat", "switched-flat", "fallback-flat",
                "thinker-flat", "nokey-flat");
        assertThat(skipped.get("rejected-flat")).startsWith("preflight: key_rejected").contains("401");
        assertThat(skipped.get("switched-flat")).contains("other/cheaper-model");
        assertThat(skipped.get("fallback-flat")).contains("Novita").contains("z-ai");
        assertThat(skipped.get("thinker-flat")).contains("max_tokens 16");
        assertThat(skipped.get("nokey-flat")).contains("PF_BLANK is set but empty");

        assertThat(out.resolve("raw.csv")).as(r.out() + r.err()).exists();
        List<RawRow> rows = RawCsvReader.read(out.resolve("raw.csv"));
        assertThat(rows).extracting(RawRow::lane).containsExactlyInAnyOrder("good-flat", "pinned-flat", "oracle");
        assertThat(rows).allMatch(x -> x.status() == Status.SCORED);
        assertThat(model.requests("bad/nokey")).as("an empty key sends nothing").isZero();
        assertThat(model.authorizations).allMatch(a -> a.equals("Bearer " + KEY));
        assertThat(model.requests("bad/rejected")).as("only the probe, never an attempt").isEqualTo(1);
        assertThat(model.requests("bad/no-credit")).isEqualTo(1);
        assertThat(Files.readString(out.resolve("summary.md"))).contains("## Not measured")
                .contains("- lane `thinker-flat` skipped: preflight: reasoning_budget");
        assertThat(Files.readString(out.resolve("preflight/transcripts/preflight-ok/good-flat/r1-a1.jsonl")))
                .contains("\"tool\":\"write\"");
        assertThat(r.err()).contains("served model / provider").contains("good/pinned / Z.AI")
                .contains("key_rejected").contains("no_credit");
    }

    @Test
    void preflightCommandPassesAGoodLaneWithItsRouteAndPrice() {
        CliRun r = cli("preflight", "--lanes", "good-flat");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("good-flat").contains("plain").contains("good/model").contains("ok")
                .containsPattern("\\$0\\.00\\d+").contains("every lane passed");
        assertThat(model.requests("good/model")).as("the probe and the micro task's two turns").isEqualTo(3);
    }

    @Test
    void preflightCommandExitsOneAndNamesEachFailure() {
        CliRun r = cli("preflight", "--lanes", "rejected-flat,broke-flat,nokey-flat");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("key_rejected").contains("no_credit").contains("empty_key")
                .contains("3 of 3 lanes failed");
        assertThat(r.out() + r.err()).doesNotContain(KEY);
    }

    @Test
    void noPreflightRunsTheLaneAsBefore() throws Exception {
        Path out = tmp.resolve("unchecked");
        CliRun r = cli("run", "--lanes", "good-flat", "--out", out.toString(), "--no-preflight");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(JSON.readTree(out.resolve("run.json").toFile()).has("preflight")).isFalse();
        assertThat(model.requests("good/model")).as("two turns of the attempt, no probe").isEqualTo(2);
    }

    @Test
    void aMissingKeyIsAVerdictNotAnError() throws Exception {
        env.remove("PF_KEY");
        Path out = tmp.resolve("missing");
        CliRun r = cli("run", "--lanes", "good-flat,oracle", "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).contains("missing_key: PF_KEY is not set");
        assertThat(RawCsvReader.read(out.resolve("raw.csv"))).extracting(RawRow::lane).containsExactly("oracle");
        assertThat(model.requests("good/model")).isZero();
    }
}
