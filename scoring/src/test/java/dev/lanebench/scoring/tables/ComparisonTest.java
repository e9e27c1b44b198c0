package dev.lanebench.scoring.tables;

import static dev.lanebench.scoring.raw.SampleRows.row;
import static dev.lanebench.scoring.raw.SampleRows.scored;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import dev.lanebench.scoring.stats.DeltaSummary;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Every harness lane of a model against its flat lane, side by side, with honest deltas in every format. */
class ComparisonTest {
    private static final String T = "t3_complex";

    private static void add(List<RawRow> rows, String task, String lane, String runner, double... composites) {
        for (double c : composites) {
            rows.add(scored(task, T, lane, runner, "glm", c));
        }
    }

    /**
     * Three tasks, a flat lane and two harness lanes (claude, codex):
     * <pre>
     *   task  flat          claude              codex
     *   a     {2, 3} 2.5    {3.5, 4} 3.75        {2.8, 4} 3.4
     *   b     {2, 3} 2.5    {2.8, 4} 3.4         {1, 1.5} 1.25
     *   c     {3, 3.2} 3.1  {3, 3.2} 3.1         infra error only
     * </pre>
     * claude: Δ a +1.25 clear, b +0.9 overlap, c 0; means 2.7 → 3.4167, Δ 0.7167, interval [0, 1.25]
     * (worked in PairedBootstrapTest), up 2 (1 clear), same 1.
     * codex: Δ a +0.9 overlap, b −1.25 clear, c none; means 2.5 → 2.325, Δ −0.175; over {0.9, −1.25} the
     * interval is [−1.25, 0.9] (each end alone has p = 1/4), up 1 (0 clear), down 1 (1 clear).
     */
    static List<RawRow> rows() {
        List<RawRow> rows = new ArrayList<>();
        add(rows, "a", "glm-flat", "flat", 2.0, 3.0);
        add(rows, "a", "glm-claude", "claude", 3.5, 4.0);
        add(rows, "a", "glm-codex", "codex", 2.8, 4.0);
        add(rows, "b", "glm-flat", "flat", 2.0, 3.0);
        add(rows, "b", "glm-claude", "claude", 2.8, 4.0);
        add(rows, "b", "glm-codex", "codex", 1.0, 1.5);
        add(rows, "c", "glm-flat", "flat", 3.0, 3.2);
        add(rows, "c", "glm-claude", "claude", 3.0, 3.2);
        rows.add(row("c", T, "glm-codex", "codex", "glm", Status.INFRA_ERROR, null, null));
        return rows;
    }

    @Test
    void aModelsHarnessLanesShareOneTableWithTheFlatLane() {
        TableReport r = TableReport.of(rows());

        assertThat(r.comparisons()).singleElement().satisfies(c -> {
            assertThat(c.flatLane()).isEqualTo("glm-flat");
            assertThat(c.harnesses()).extracting(Comparison.Harness::lane).containsExactly("glm-claude", "glm-codex");
            assertThat(c.harnesses()).extracting(Comparison.Harness::label).containsExactly("claude", "codex");
        });
        String md = TableFormats.named("md").render(r);
        assertThat(md).contains("## glm: glm-flat (flat) vs glm-claude (claude), glm-codex (codex)")
                .contains("| Task | flat | via claude | via codex | Δ claude | Δ codex |")
                .contains("| a | 2.50 (2.00–3.00, 2) | 3.75 (3.50–4.00, 2) | 3.40 (2.80–4.00, 2) | +1.25 clear | +0.90 overlap |")
                .contains("| b | 2.50 (2.00–3.00, 2) | 3.40 (2.80–4.00, 2) | 1.25 (1.00–1.50, 2) | +0.90 overlap | -1.25 clear |")
                .contains("| c | 3.10 (3.00–3.20, 2) | 3.10 (3.00–3.20, 2) | — (1 infra) | +0.00 overlap | — |")
                .contains("| **all tasks: claude** (mean of 3) | **2.70** | **3.42** |  | **+0.72** [+0.00, +1.25] · "
                        + "up 2 (1 clear), down 0 (0 clear), same 1 |  |")
                .contains("| **all tasks: codex** (mean of 2) | **2.50** |  | **2.33** |  | **-0.17** [-1.25, +0.90] · "
                        + "up 1 (0 clear), down 1 (1 clear), same 0 |");
    }

    @Test
    void theSummariesAreTheHandWorkedNumbers() {
        Comparison c = TableReport.of(rows()).comparisons().get(0);

        assertThat(c.allTasks().get(0)).isEqualTo(new DeltaSummary(3, 2.7, 3.4167, 0.7167, 0.0, 1.25, 2, 0, 1, 1, 0));
        assertThat(c.allTasks().get(1)).isEqualTo(new DeltaSummary(2, 2.5, 2.325, -0.175, -1.25, 0.9, 1, 1, 0, 0, 1));
    }

    @Test
    void csvAndJsonCarryTheSameNumbersAsTheTables() throws IOException {
        TableReport r = TableReport.of(rows());

        List<CSVRecord> csv;
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().build()
                .parse(new StringReader(TableFormats.named("csv").render(r)))) {
            csv = parser.getRecords();
        }
        CSVRecord bCodex = csv.stream().filter(x -> x.get("table").equals("comparison") && x.get("task").equals("b")
                && x.get("harness_lane").equals("glm-codex")).findFirst().orElseThrow();
        assertThat(bCodex.get("delta")).isEqualTo("-1.25");
        assertThat(bCodex.get("ranges_disjoint")).isEqualTo("true");
        assertThat(bCodex.get("single_attempt")).isEqualTo("false");
        assertThat(bCodex.get("harness_runner")).isEqualTo("codex");
        CSVRecord allCodex = csv.stream().filter(x -> x.get("table").equals("comparison_all")
                && x.get("harness_lane").equals("glm-codex")).findFirst().orElseThrow();
        assertThat(List.of(allCodex.get("n"), allCodex.get("flat_median"), allCodex.get("harness_median"),
                allCodex.get("delta"), allCodex.get("ci95_low"), allCodex.get("ci95_high"), allCodex.get("up"),
                allCodex.get("down"), allCodex.get("same"), allCodex.get("up_clear"), allCodex.get("down_clear")))
                .containsExactly("2", "2.5", "2.325", "-0.175", "-1.25", "0.9", "1", "1", "0", "0", "1");

        JsonNode json = new ObjectMapper().readTree(TableFormats.named("json").render(r));
        JsonNode cmp = json.get("comparisons").get(0);
        JsonNode bRow = cmp.get("rows").get(1);
        assertThat(bRow.get("task").asText()).isEqualTo("b");
        assertThat(bRow.get("flat").get("median").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(bRow.get("harness").get(1).get("lane").asText()).isEqualTo("glm-codex");
        assertThat(bRow.get("harness").get(1).get("delta").decimalValue()).isEqualByComparingTo("-1.25");
        assertThat(bRow.get("harness").get(1).get("ranges_disjoint").asBoolean()).isTrue();
        assertThat(bRow.get("harness").get(0).get("ranges_disjoint").asBoolean()).isFalse();
        JsonNode all = cmp.get("all_tasks").get(0);
        assertThat(all.get("lane").asText()).isEqualTo("glm-claude");
        assertThat(all.get("ci95_low").decimalValue()).isEqualByComparingTo("0");
        assertThat(all.get("ci95_high").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(all.get("up").asInt()).isEqualTo(2);
        assertThat(all.get("up_clear").asInt()).isEqualTo(1);
        assertThat(all.get("same").asInt()).isEqualTo(1);
        assertThat(json.get("bootstrap").get("resamples").asInt()).isEqualTo(10_000);
    }

    @Test
    void twoHarnessLanesOfOneRunnerAreToldApartByLaneName() {
        List<RawRow> rows = new ArrayList<>();
        add(rows, "a", "glm-flat", "flat", 2.0);
        add(rows, "a", "glm-claude", "claude", 3.0);
        add(rows, "a", "glm-claude-small", "claude", 2.5);

        String md = TableFormats.named("md").render(TableReport.of(rows));
        assertThat(md).contains("| Task | flat | via claude (glm-claude) | via claude (glm-claude-small) | "
                + "Δ claude (glm-claude) | Δ claude (glm-claude-small) |");
    }

    @Test
    void harnessLanesWithoutAFlatLaneAndOtherRunnersAreNotCompared() {
        List<RawRow> rows = new ArrayList<>();
        add(rows, "a", "glm-claude", "claude", 3.0);
        rows.add(scored("a", T, "oracle", "oracle", null, 5.0));

        assertThat(TableReport.of(rows).comparisons()).isEmpty();
    }
}
