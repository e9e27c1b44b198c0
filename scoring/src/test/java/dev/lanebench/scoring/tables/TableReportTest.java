package dev.lanebench.scoring.tables;

import static dev.lanebench.scoring.raw.SampleRows.row;
import static dev.lanebench.scoring.raw.SampleRows.scored;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix, the flat-vs-claude comparisons and the three renderings. */
class TableReportTest {
    private static final String T3 = "t3_complex";

    private static RawRow flat(String task, double composite) {
        return scored(task, T3, "glm-flat", "flat", "glm-5.2", composite);
    }

    private static RawRow harness(String task, double composite) {
        return scored(task, T3, "glm-harness", "claude", "glm-5.2", composite);
    }

    /** The seed's shape: the harness wins one task, loses another, ties a third; a fourth only ran flat. */
    private static List<RawRow> glmRows() {
        return List.of(
                flat("state-machine-sse", 2.50), harness("state-machine-sse", 4.16),
                flat("yaml-refactor", 2.99), harness("yaml-refactor", 1.74),
                flat("cache-bugfix", 3.10), harness("cache-bugfix", 3.10),
                flat("flat-only", 4.00));
    }

    static String md(List<RawRow> rows) {
        return render(TableReport.of(rows), "md");
    }

    static String render(TableReport r, String format) {
        return TableFormats.named(format).render(r);
    }

    @Test
    void matrixCellShowsMedianThenSpreadAndCount() {
        TableReport r = TableReport.of(List.of(flat("a", 3.90), flat("a", 4.42)));

        assertThat(CellText.of(r.cell("a", "glm-flat"))).isEqualTo("4.16 (3.90–4.42, 2)");
        assertThat(render(r, "md")).contains("| a | t3_complex | 4.16 (3.90–4.42, 2) |");
    }

    @Test
    void singleScoredAttemptShowsNEqualsOne() {
        assertThat(md(List.of(flat("a", 4.16)))).contains("| 4.16 (n=1) |");
    }

    @Test
    void iqrIsShownFromFourAttempts() {
        TableReport r = TableReport.of(List.of(flat("a", 1), flat("a", 2), flat("a", 3), flat("a", 4)));

        assertThat(CellText.of(r.cell("a", "glm-flat"))).isEqualTo("2.50 (1.00–4.00, 4, IQR 1.50)");
    }

    @Test
    void cellWithNoScoredAttemptShowsDashAndItsErrors() {
        RawRow infra = row("a", T3, "glm-flat", "flat", "glm-5.2", Status.INFRA_ERROR, null, null);

        assertThat(md(List.of(infra, infra, harness("a", 4.0)))).contains("| a | t3_complex | — (2 infra) | 4.00 (n=1) |");
    }

    @Test
    void leftOutAttemptsAreAppendedVisiblyAndStayOutOfTheMedian() {
        List<RawRow> rows = List.of(flat("a", 2.0), flat("a", 3.0),
                row("a", T3, "glm-flat", "flat", "glm-5.2", Status.INFRA_ERROR, null, null),
                row("a", T3, "glm-flat", "flat", "glm-5.2", Status.VERIFY_ERROR, null, true),
                row("a", T3, "glm-flat", "flat", "glm-5.2", Status.SCORED, 5.0, false));

        assertThat(md(rows)).contains("| 2.50 (2.00–3.00, 2) · 1 infra, 1 verify, 1 off-route |");
    }

    @Test
    void laneThatNeverRanATaskLeavesTheCellBlank() {
        assertThat(md(List.of(flat("a", 2.0), harness("b", 3.0)))).contains("| a | t3_complex | 2.00 (n=1) |  |");
    }

    @Test
    void tasksAreOrderedByTierThenTaskAndLanesByName() {
        TableReport r = TableReport.of(List.of(
                scored("zeta", "t1_trivial", "b-lane", "flat", "m", 1),
                scored("beta", "t2_medium", "a-lane", "flat", "m", 1),
                scored("alpha", "t2_medium", "b-lane", "flat", "m", 1),
                scored("omega", "t1_trivial", "a-lane", "flat", "m", 1)));

        assertThat(r.tasks()).containsExactly("omega", "zeta", "alpha", "beta");
        assertThat(r.lanes()).containsExactly("a-lane", "b-lane");
    }

    @Test
    void deltaIsHarnessMinusFlatWithItsSignEitherWay() {
        String md = md(glmRows());

        assertThat(md).contains("## glm-5.2: glm-flat (flat) vs glm-harness (claude)")
                .contains("| Task | flat | via claude | Δ claude |")
                .contains("| state-machine-sse | 2.50 (n=1) | 4.16 (n=1) | +1.66 n=1 |")
                .contains("| yaml-refactor | 2.99 (n=1) | 1.74 (n=1) | -1.25 n=1 |")
                .contains("| cache-bugfix | 3.10 (n=1) | 3.10 (n=1) | +0.00 n=1 |")
                .contains("| flat-only | 4.00 (n=1) |  | — |");
    }

    @Test
    void allTasksRowIsTheMeanOverTasksWhereBothSidesHaveAMedian() {
        TableReport r = TableReport.of(glmRows());
        Comparison c = r.comparisons().get(0);

        // flat-only is left out: flat (2.50 + 2.99 + 3.10)/3 = 2.8633, harness (4.16 + 1.74 + 3.10)/3 = 3.0
        DeltaSummary all = c.allTasks().get(0);
        assertThat(all.tasks()).isEqualTo(3);
        assertThat(all.baseMean()).isEqualTo(2.8633);
        assertThat(all.otherMean()).isEqualTo(3.0);
        assertThat(all.delta()).isEqualTo(0.1367);
        assertThat(render(r, "md")).contains("| **all tasks** (mean of 3) | **2.86** | **3.00** | **+0.14** [");
    }

    @Test
    void aSideWithOnlyErrorsHasNoDeltaAndStaysOutOfTheMean() {
        List<RawRow> rows = new ArrayList<>(glmRows());
        rows.add(row("errors-only", T3, "glm-harness", "claude", "glm-5.2", Status.INFRA_ERROR, null, null));
        rows.add(flat("errors-only", 0.5));

        Comparison c = TableReport.of(rows).comparisons().get(0);
        Comparison.Row errorsOnly = c.rows().stream().filter(x -> x.task().key().equals("errors-only")).findFirst().orElseThrow();
        assertThat(errorsOnly.deltas()).containsExactly((Delta) null);
        assertThat(c.allTasks().get(0).tasks()).isEqualTo(3);
    }

    @Test
    void eachFlatLaneOfAModelGetsItsOwnTable() {
        List<RawRow> rows = new ArrayList<>(glmRows());
        rows.add(scored("state-machine-sse", T3, "glm-flat-long", "flat", "glm-5.2", 3.0));
        rows.add(scored("state-machine-sse", T3, "qwen-harness", "claude", "qwen3", 3.0)); // no flat twin

        TableReport r = TableReport.of(rows);
        assertThat(r.comparisons()).extracting(Comparison::flatLane).containsExactly("glm-flat", "glm-flat-long");
        assertThat(r.comparisons()).allSatisfy(c -> assertThat(c.harnesses()).extracting(Comparison.Harness::lane)
                .containsExactly("glm-harness"));
        assertThat(render(r, "md")).contains("## glm-5.2: glm-flat-long (flat) vs glm-harness (claude)");
    }

    @Test
    void laneFilterKeepsOnlyTheNamedLanesInTheGivenOrder() {
        TableReport r = TableReport.builder().lanes(List.of("glm-harness", "oracle")).add(flat("a", 1.0))
                .add(harness("a", 2.0)).build();

        assertThat(r.lanes()).containsExactly("glm-harness", "oracle");
        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.comparisons()).isEmpty();
        assertThat(r.notes()).containsExactly("lane oracle has no rows");
    }

    @Test
    void laneTotalsCountOutcomesAndSumMeasuredCost() {
        List<RawRow> rows = List.of(flat("a", 2.0), flat("b", 3.0),
                row("a", T3, "glm-flat", "flat", "glm-5.2", Status.INFRA_ERROR, null, null));

        var totals = TableReport.of(rows).laneTotals().get(0);
        assertThat(totals.attempts()).isEqualTo(3);
        assertThat(totals.scored()).isEqualTo(2);
        assertThat(totals.infraErrors()).isEqualTo(1);
        assertThat(totals.costUsd()).isEqualTo(0.03);
        assertThat(totals.costMeasured()).isEqualTo(3);
    }

    @Test
    void aLaneWhoseRowsNameTwoModelsIsFlagged() {
        TableReport r = TableReport.of(List.of(flat("a", 2.0), scored("a", T3, "glm-flat", "flat", "glm-4.6", 3.0)));

        assertThat(r.notes()).singleElement().asString().contains("glm-flat").contains("flat/glm-4.6");
    }

    @Test
    void jsonRenderParsesBackWithCellsAndComparisons() throws IOException {
        List<RawRow> rows = new ArrayList<>(glmRows());
        rows.add(row("state-machine-sse", T3, "glm-flat", "flat", "glm-5.2", Status.SCORED, 5.0, false));
        JsonNode json = new ObjectMapper().readTree(render(TableReport.of(rows), "json"));

        assertThat(json.get("format").asText()).isEqualTo("lanebench-table/2");
        JsonNode cell = json.get("cells").get(0);
        assertThat(cell.get("task").asText()).isEqualTo("cache-bugfix");
        assertThat(json.get("cells")).hasSize(7);
        JsonNode sse = null;
        for (JsonNode c : json.get("cells")) {
            if (c.get("task").asText().equals("state-machine-sse") && c.get("lane").asText().equals("glm-flat")) {
                sse = c;
            }
        }
        assertThat(sse).isNotNull();
        assertThat(sse.get("n").asInt()).isEqualTo(1);
        assertThat(sse.get("median").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(sse.get("iqr").isNull()).isTrue();
        assertThat(sse.get("off_route").asInt()).isEqualTo(1);
        assertThat(sse.get("infra_errors").asInt()).isZero();
        JsonNode cmp = json.get("comparisons").get(0);
        assertThat(cmp.get("flat_lane").asText()).isEqualTo("glm-flat");
        assertThat(cmp.get("harness_lanes").get(0).get("lane").asText()).isEqualTo("glm-harness");
        assertThat(cmp.get("harness_lanes").get(0).get("runner").asText()).isEqualTo("claude");
        // rows follow table order: cache-bugfix, flat-only, state-machine-sse, yaml-refactor
        assertThat(cmp.get("rows").get(1).get("task").asText()).isEqualTo("flat-only");
        assertThat(cmp.get("rows").get(1).get("harness").get(0).get("delta").isNull()).isTrue();
        assertThat(cmp.get("rows").get(1).get("harness").get(0).get("median").isNull()).isTrue();
        assertThat(cmp.get("rows").get(2).get("harness").get(0).get("delta").decimalValue()).isEqualByComparingTo("1.66");
        assertThat(cmp.get("rows").get(3).get("harness").get(0).get("delta").decimalValue()).isEqualByComparingTo("-1.25");
        assertThat(cmp.get("all_tasks").get(0).get("delta").decimalValue()).isEqualByComparingTo("0.1367");
    }

    @Test
    void csvRenderParsesBackAsOneLongTable() throws IOException {
        String csv = render(TableReport.of(glmRows()), "csv");

        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(csv))) {
            assertThat(parser.getHeaderNames()).startsWith("table", "task", "tier", "lane");
            List<CSVRecord> records = parser.getRecords();
            assertThat(records.stream().filter(r -> r.get("table").equals("cell"))).hasSize(7);
            CSVRecord yaml = records.stream()
                    .filter(r -> r.get("table").equals("comparison") && r.get("task").equals("yaml-refactor"))
                    .findFirst().orElseThrow();
            assertThat(yaml.get("delta")).isEqualTo("-1.25");
            assertThat(yaml.get("flat_median")).isEqualTo("2.99");
            assertThat(yaml.get("harness_median")).isEqualTo("1.74");
            assertThat(yaml.get("harness_lane")).isEqualTo("glm-harness");
            assertThat(yaml.get("format")).isEqualTo("lanebench-table/2");
            CSVRecord all = records.stream().filter(r -> r.get("table").equals("comparison_all")).findFirst().orElseThrow();
            assertThat(all.get("task")).isEqualTo("all tasks");
            assertThat(all.get("n")).isEqualTo("3");
            assertThat(records.stream().filter(r -> r.get("table").equals("lane"))).hasSize(2);
        }
    }

    @Test
    void filesAreStreamedAndTheSameFileIsReadOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("raw.csv");
        try (RawCsvWriter w = RawCsvWriter.open(file)) {
            for (RawRow r : glmRows()) {
                w.append(r);
            }
        }

        TableReport r = TableReport.builder().addFile(file).addFile(dir).build(); // a run folder means its raw.csv
        assertThat(r.rows()).isEqualTo(7);
        assertThat(r.sources()).extracting(Source::path).containsExactly(file.toString());
        assertThat(render(r, "md")).isEqualTo(render(TableReport.of(glmRows()), "md")
                .replace("7 attempts.", "7 attempts from `" + file + "`."));
    }

    @Test
    void emptyInputStillRendersEveryFormat() throws IOException {
        TableReport r = TableReport.of(List.of());

        assertThat(render(r, "md")).contains("0 attempts");
        assertThat(new ObjectMapper().readTree(render(r, "json")).get("cells")).isEmpty();
        assertThat(render(r, "csv")).startsWith("table,task,");
    }
}
