package dev.lanebench.scoring.tables;

import static dev.lanebench.scoring.raw.SampleRows.scored;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.stats.DeltaSummary;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Two runs side by side per cell: the change, whether it is clear, per lane the mean change with its interval. */
class RunComparisonTest {
    private static final String T = "t3_complex";

    private static void add(List<RawRow> rows, String task, String hash, String lane, String model, double... cs) {
        for (double c : cs) {
            rows.add(TableInputsTest.withHash(scored(task, T, lane, "flat", model, c), hash));
        }
    }

    /**
     * Run A (glm-5.1 behind lane glm-flat) and run B (glm-5.2 behind the same lane name):
     * <pre>
     *   task  A            B              change
     *   a     {2, 3} 2.5   {3.5, 4} 3.75  +1.25 clear
     *   b     {2, 3} 2.5   {2.8, 4} 3.4   +0.9 overlap
     *   c     {3, 3.2}     {3, 3.2}       0     (task changed between the runs: hash h1 → h2)
     *   d     {1}          —              only in A
     * </pre>
     * all tasks over a, b, c: A 2.7, B 3.4167, change 0.7167, interval [0, 1.25] (PairedBootstrapTest), up 2.
     */
    private static RunComparison comparison() {
        List<RawRow> a = new ArrayList<>();
        add(a, "a", "ha", "glm-flat", "glm-5.1", 2.0, 3.0);
        add(a, "b", "hb", "glm-flat", "glm-5.1", 2.0, 3.0);
        add(a, "c", "h1xxxxxx", "glm-flat", "glm-5.1", 3.0, 3.2);
        add(a, "d", "hd", "glm-flat", "glm-5.1", 1.0);
        add(a, "a", "ha", "old-lane", "glm-5.1", 1.0);
        List<RawRow> b = new ArrayList<>();
        add(b, "a", "ha", "glm-flat", "glm-5.2", 3.5, 4.0);
        add(b, "b", "hb", "glm-flat", "glm-5.2", 2.8, 4.0);
        add(b, "c", "h2xxxxxx", "glm-flat", "glm-5.2", 3.0, 3.2);
        return RunComparison.of(TableReport.of(a), TableReport.of(b));
    }

    @Test
    void eachCellOfALaneIsPairedAndTheLaneSummarised() {
        RunComparison c = comparison();

        RunComparison.LaneTable lane = c.lanes().stream().filter(l -> l.lane().equals("glm-flat")).findFirst().orElseThrow();
        assertThat(lane.rows()).extracting(r -> r.task().key()).containsExactly("a", "b", "c", "d");
        assertThat(lane.rows().get(0).change().value()).isEqualTo(1.25);
        assertThat(lane.rows().get(0).change().clear()).isTrue();
        assertThat(lane.rows().get(1).change().clear()).isFalse();
        assertThat(lane.rows().get(2).task().taskChanged()).isTrue();
        assertThat(lane.rows().get(3).b()).isNull();
        assertThat(lane.rows().get(3).change()).isNull();
        assertThat(lane.allTasks()).isEqualTo(new DeltaSummary(3, 2.7, 3.4167, 0.7167, 0.0, 1.25, 2, 0, 1, 1, 0));
        assertThat(c.notes()).contains("task c changed between the runs (task_hash h1xxxx in A, h2xxxx in B); its "
                + "change mixes the task's change with the lanes'",
                "lane glm-flat is flat/glm-5.1 in A and flat/glm-5.2 in B", "lane old-lane ran only in A");
    }

    @Test
    void markdownShowsBothRunsAndTheChangeWithItsVerdict() {
        String md = CompareFormats.named("md").render(comparison());

        assertThat(md).contains("## glm-flat (A: flat, glm-5.1; B: flat, glm-5.2)")
                .contains("| Task | A | B | Change |")
                .contains("| a | 2.50 (2.00–3.00, 2) | 3.75 (3.50–4.00, 2) | +1.25 clear |")
                .contains("| c (task changed) | 3.10 (3.00–3.20, 2) | 3.10 (3.00–3.20, 2) | +0.00 overlap |")
                .contains("| d | 1.00 (n=1) |  | — |")
                .contains("| **all tasks** (mean of 3) | **2.70** | **3.42** | **+0.72** [+0.00, +1.25] · up 2 (1 clear), "
                        + "down 0 (0 clear), same 1 |")
                .contains("## old-lane (A: flat, glm-5.1; B: not run)");
    }

    @Test
    void csvAndJsonCarryTheSameNumbers() throws IOException {
        RunComparison c = comparison();
        List<CSVRecord> csv;
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().build()
                .parse(new StringReader(CompareFormats.named("csv").render(c)))) {
            csv = parser.getRecords();
        }
        CSVRecord a = csv.stream().filter(r -> r.get("table").equals("cell") && r.get("task").equals("a")
                && r.get("lane").equals("glm-flat")).findFirst().orElseThrow();
        assertThat(List.of(a.get("a_median"), a.get("b_median"), a.get("change"), a.get("ranges_disjoint"),
                a.get("format"))).containsExactly("2.5", "3.75", "1.25", "true", "lanebench-compare/1");
        CSVRecord all = csv.stream().filter(r -> r.get("table").equals("lane_all") && r.get("lane").equals("glm-flat"))
                .findFirst().orElseThrow();
        assertThat(List.of(all.get("tasks"), all.get("change"), all.get("ci95_low"), all.get("ci95_high")))
                .containsExactly("3", "0.7167", "0", "1.25");
        assertThat(csv.stream().filter(r -> r.get("table").equals("cell") && r.get("task").equals("c")))
                .allSatisfy(r -> assertThat(r.get("task_changed")).isEqualTo("true"));

        JsonNode json = new ObjectMapper().readTree(CompareFormats.named("json").render(c));
        assertThat(json.get("format").asText()).isEqualTo("lanebench-compare/1");
        JsonNode lane = json.get("lanes").get(0);
        assertThat(lane.get("lane").asText()).isEqualTo("glm-flat");
        assertThat(lane.get("a").get("model").asText()).isEqualTo("glm-5.1");
        assertThat(lane.get("b").get("model").asText()).isEqualTo("glm-5.2");
        assertThat(lane.get("rows").get(0).get("change").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(lane.get("rows").get(0).get("a").get("median").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(lane.get("all_tasks").get("ci95_high").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(json.get("notes")).hasSize(3);
    }

    @Test
    void versionsWithinARunArePairedByHash() {
        List<RawRow> a = new ArrayList<>();
        add(a, "t", "aaaaaa11", "l", "m", 1.0);
        add(a, "t", "bbbbbb22", "l", "m", 2.0);
        List<RawRow> b = new ArrayList<>();
        add(b, "t", "bbbbbb22", "l", "m", 4.0);

        RunComparison c = RunComparison.of(TableReport.of(a), TableReport.of(b));

        assertThat(c.lanes().get(0).rows()).extracting(r -> r.task().key() + " " + (r.change() == null ? "-" : r.change().value()))
                .containsExactlyInAnyOrder("t @bbbbbb 2.0", "t @aaaaaa -");
    }
}
