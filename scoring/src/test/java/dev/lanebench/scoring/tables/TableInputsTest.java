package dev.lanebench.scoring.tables;

import static dev.lanebench.scoring.raw.SampleRows.scored;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.scoring.bench.SyntheticRawCsv;
import dev.lanebench.scoring.raw.RawCsvSchema;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes into a table: task versions never pooled, files of any schema, one thread or several. */
class TableInputsTest {
    private static final String T = "t3_complex";

    @TempDir
    Path dir;

    static RawRow withHash(RawRow r, String hash) {
        return new RawRow(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), r.replication(),
                r.attempt(), r.status(), r.composite(), r.correctness(), r.process(), r.costEff(), r.timeEff(),
                r.quality(), r.verifyEvidence(), r.timedOut(), r.wallS(), r.agentS(), r.verifyS(), r.turns(),
                r.toolCalls(), r.budgetViolations(), r.inputTokens(), r.cachedTokens(), r.outputTokens(),
                r.reasoningTokens(), r.costUsd(), r.servedModels(), r.routeOk(), r.agentExit(), r.error(),
                r.startedAt(), hash, r.harnessVersion(), r.sandbox(), r.judgeCostUsd());
    }

    static RawRow withSandbox(RawRow r, String sandbox) {
        return new RawRow(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), r.replication(),
                r.attempt(), r.status(), r.composite(), r.correctness(), r.process(), r.costEff(), r.timeEff(),
                r.quality(), r.verifyEvidence(), r.timedOut(), r.wallS(), r.agentS(), r.verifyS(), r.turns(),
                r.toolCalls(), r.budgetViolations(), r.inputTokens(), r.cachedTokens(), r.outputTokens(),
                r.reasoningTokens(), r.costUsd(), r.servedModels(), r.routeOk(), r.agentExit(), r.error(),
                r.startedAt(), r.taskHash(), r.harnessVersion(), sandbox, r.judgeCostUsd());
    }

    @Test
    void aLaneRunWithoutASandboxIsMarkedInTheTablesWhetherReadFromAFileOrNot() throws IOException {
        List<RawRow> rows = List.of(withSandbox(scored("a", T, "confined", "flat", "m", 2.0), "bwrap"),
                withSandbox(scored("a", T, "loose", "flat", "m", 3.0), "bwrap"),
                withSandbox(scored("b", T, "loose", "flat", "m", 3.0), "none"),
                scored("b", T, "old", "flat", "m", 1.0)); // schema 1: not recorded
        Path file = dir.resolve("raw.csv");
        try (RawCsvWriter w = RawCsvWriter.open(file)) {
            for (RawRow r : rows) {
                w.append(r);
            }
        }

        for (TableReport r : List.of(TableReport.of(rows), TableReport.builder().addFile(file).build())) {
            assertThat(r.laneTotals()).extracting(l -> l.lane() + " " + l.sandboxes())
                    .containsExactly("confined [bwrap]", "loose [bwrap, none]", "old []");
            assertThat(r.notes()).contains("lane loose ran attempts with sandbox none: its agents were not confined");
            assertThat(TableFormats.named("md").render(r)).contains("| 18 s (mean 9 s) | bwrap, none |")
                    .contains("| 9 s (mean 9 s) | — |");
        }
    }

    static RawRow withReplication(RawRow r, int replication) {
        return new RawRow(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), replication,
                r.attempt(), r.status(), r.composite(), r.correctness(), r.process(), r.costEff(), r.timeEff(),
                r.quality(), r.verifyEvidence(), r.timedOut(), r.wallS(), r.agentS(), r.verifyS(), r.turns(),
                r.toolCalls(), r.budgetViolations(), r.inputTokens(), r.cachedTokens(), r.outputTokens(),
                r.reasoningTokens(), r.costUsd(), r.servedModels(), r.routeOk(), r.agentExit(), r.error(),
                r.startedAt(), r.taskHash(), r.harnessVersion(), r.sandbox(), r.judgeCostUsd());
    }

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/schema1/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void rowsOfATaskWithDifferentHashesAreSeparateRowsNeverPooled() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        try (RawCsvWriter w = RawCsvWriter.open(a)) {
            w.append(withHash(scored("sse", T, "glm-flat", "flat", "glm", 2.0), "a1b2c3d4e5f6"));
            w.append(withHash(scored("sse", T, "glm-claude", "claude", "glm", 3.0), "a1b2c3d4e5f6"));
            w.append(withHash(scored("cache", T, "glm-flat", "flat", "glm", 1.0), "0000000000aa"));
        }
        try (RawCsvWriter w = RawCsvWriter.open(b)) {
            w.append(withHash(scored("sse", T, "glm-flat", "flat", "glm", 4.0), "ffee99887766"));
            w.append(withHash(scored("cache", T, "glm-flat", "flat", "glm", 3.0), "0000000000aa"));
        }

        TableReport r = TableReport.builder().addFile(a).addFile(b).build();

        assertThat(r.tasks()).containsExactly("cache", "sse @a1b2c3", "sse @ffee99");
        assertThat(r.cell("cache", "glm-flat").n()).isEqualTo(2); // same hash: pooled
        assertThat(r.cell("sse @a1b2c3", "glm-flat").median()).isEqualTo(2.0);
        assertThat(r.cell("sse @ffee99", "glm-flat").median()).isEqualTo(4.0);
        assertThat(r.cell("sse @ffee99", "glm-claude")).isNull();
        assertThat(r.notes()).contains("task sse ran in 2 versions (task_hash a1b2c3, ffee99); each is its own row, "
                + "never pooled with another");
        assertThat(r.comparisons().get(0).rows()).extracting(row -> row.task().key())
                .containsExactly("cache", "sse @a1b2c3", "sse @ffee99");
        String md = TableFormats.named("md").render(r);
        assertThat(md).contains("| sse @a1b2c3 | t3_complex | 3.00 (n=1) | 2.00 (n=1) |")
                .contains("> Note: task sse ran in 2 versions");
        JsonNode json = new ObjectMapper().readTree(TableFormats.named("json").render(r));
        assertThat(json.get("tasks").get(1).get("version").asText()).isEqualTo("a1b2c3");
        assertThat(json.get("tasks").get(1).get("task_hash").asText()).isEqualTo("a1b2c3d4e5f6");
        assertThat(json.get("tasks").get(0).get("version").isNull()).isTrue();
    }

    @Test
    void versionNamesGrowUntilTheyDiffer() {
        assertThat(TaskVersions.shortNames(List.of("sha256:abcdef12", "sha256:abcdef34", "")))
                .containsEntry("sha256:abcdef12", "abcdef1").containsEntry("sha256:abcdef34", "abcdef3")
                .containsEntry("", "no-hash");
    }

    @Test
    void aSchemaOneFileIsReadWithANoteAndTheSameCellsAsTheSchemaOneCodePrinted() throws IOException {
        Path file = resource("synthetic-model-lanes.csv");
        JsonNode before = new ObjectMapper().readTree(getClass().getResourceAsStream(
                "/schema1/synthetic-model-lanes.table1.json"));

        TableReport r = TableReport.builder().addFile(file).build();

        assertThat(r.notes()).contains("read raw.csv schema 1 (" + file + "); this lanebench writes schema 2, so "
                + "sandbox, judge_cost_usd are empty there");
        JsonNode now = new ObjectMapper().readTree(TableFormats.named("json").render(r));
        assertThat(now.get("sources").get(0).get("raw_schema").asInt()).isEqualTo(1);
        assertThat(now.get("cells")).hasSize(before.get("cells").size());
        for (int i = 0; i < before.get("cells").size(); i++) {
            JsonNode was = before.get("cells").get(i);
            JsonNode is = now.get("cells").get(i);
            for (String key : List.of("task", "tier", "lane", "n", "median", "min", "max", "iqr", "infra_errors",
                    "verify_errors", "off_route")) {
                assertThat(is.get(key)).as("cell %d %s", i, key).isEqualTo(was.get(key));
            }
        }
        JsonNode wasLanes = before.get("lanes");
        for (int i = 0; i < wasLanes.size(); i++) {
            assertThat(now.get("lanes").get(i).get("cost_usd")).isEqualTo(wasLanes.get(i).get("cost_usd"));
            assertThat(now.get("lanes").get(i).get("attempts")).isEqualTo(wasLanes.get(i).get("attempts"));
        }
        // the medians compared are the same; the comparison format changed to /2 (every harness lane)
        JsonNode wasCmp = before.get("comparisons").get(0);
        JsonNode isCmp = now.get("comparisons").get(0);
        assertThat(isCmp.get("harness_lanes").get(0).get("lane")).isEqualTo(wasCmp.get("claude_lane"));
        assertThat(isCmp.get("all_tasks").get(0).get("delta")).isEqualTo(wasCmp.get("all_tasks").get("delta"));
        assertThat(isCmp.get("all_tasks").get(0).get("flat_mean")).isEqualTo(wasCmp.get("all_tasks").get("flat_mean"));
    }

    @Test
    void aFileWithColumnsThisVersionDoesNotKnowIsReadWithANote() throws IOException {
        Path file = dir.resolve("newer.csv");
        StringBuilder text = new StringBuilder(RawCsvSchema.HEADER_LINE).append(",gpu_s\n");
        text.append(RawCsvSchema.formatLine(scored("a", T, "l", "flat", "m", 2.0)).replace("\n", ",1.5\n"));
        Files.writeString(file, text);

        TableReport r = TableReport.builder().addFile(file).build();

        assertThat(r.cell("a", "l").median()).isEqualTo(2.0);
        assertThat(r.notes()).containsExactly(file + " is raw.csv schema 2 + unknown columns gpu_s, written by a "
                + "newer lanebench; this one reads schema 2 and ignored those columns");
    }

    @Test
    void aCurrentFileHasNoSchemaNote(@TempDir Path other) throws IOException {
        Path file = other.resolve("raw.csv");
        try (RawCsvWriter w = RawCsvWriter.open(file)) {
            w.append(scored("a", T, "l", "flat", "m", 2.0));
        }
        assertThat(TableReport.builder().addFile(file).build().notes()).isEmpty();
    }

    @Test
    void readingOnSeveralThreadsGivesTheSameTablesAsOne() throws IOException {
        Path file = dir.resolve("raw.csv");
        SyntheticRawCsv.write(file, 20_000); // over the size read on one thread: cut into chunks

        Map<String, String> one = new HashMap<>();
        Map<String, String> two = new HashMap<>();
        TableReport single = TableReport.builder().threads(1).addFile(file).build();
        TableReport parallel = TableReport.builder().threads(3).addFile(file).build();
        for (String f : List.of("md", "csv", "json")) {
            one.put(f, TableFormats.named(f).render(single));
            two.put(f, TableFormats.named(f).render(parallel));
        }
        assertThat(Files.size(file)).as("big enough to be read in chunks").isGreaterThan(4L << 20);
        assertThat(two).isEqualTo(one);
        assertThat(parallel.rows()).isEqualTo(20_000);
    }
}
