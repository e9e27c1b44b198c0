package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A {@link RunComparison} as one long-format CSV ({@value CompareFormats#FORMAT} in the last column): table
 * {@code cell} per task and lane (A's and B's n, median, min, max, the change and what it allows one to say),
 * {@code lane_all} per lane (tasks in the mean, the two means, the change, its interval, the moves), and
 * {@code note}.
 */
final class CompareCsv implements ResultFormat<RunComparison> {
    static final List<String> HEADER = List.of("table", "task", "tier", "lane", "version_a", "version_b",
            "task_changed", "a_n", "a_median", "a_min", "a_max", "b_n", "b_median", "b_min", "b_max", "change",
            "ranges_disjoint", "single_attempt", "tasks", "a_mean", "b_mean", "ci95_low", "ci95_high", "up", "down",
            "same", "up_clear", "down_clear", "note", "format");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String render(RunComparison c) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(HEADER);
            for (RunComparison.LaneTable lane : c.lanes()) {
                for (RunComparison.Row r : lane.rows()) {
                    RunComparison.TaskPair t = r.task();
                    CsvRow row = new CsvRow(HEADER, "cell", CompareFormats.FORMAT)
                            .set("task", t.a() != null ? t.a().task() : t.b().task()).set("tier", t.tier())
                            .set("lane", lane.lane()).set("version_a", t.a() == null ? null : t.a().version())
                            .set("version_b", t.b() == null ? null : t.b().version()).set("task_changed", t.taskChanged());
                    side(row, "a_", r.a());
                    side(row, "b_", r.b());
                    Delta d = r.change();
                    row.set("change", d == null ? null : d.value())
                            .set("ranges_disjoint", d == null ? null : d.rangesDisjoint())
                            .set("single_attempt", d == null ? null : d.singleAttempt());
                    printer.printRecord((Object[]) row.fields);
                }
                DeltaSummary s = lane.allTasks();
                printer.printRecord((Object[]) new CsvRow(HEADER, "lane_all", CompareFormats.FORMAT)
                        .set("task", CsvFormat.ALL_TASKS).set("lane", lane.lane()).set("tasks", s.tasks())
                        .set("a_mean", s.baseMean()).set("b_mean", s.otherMean()).set("change", s.delta())
                        .set("ci95_low", s.ciLow()).set("ci95_high", s.ciHigh()).set("up", s.up()).set("down", s.down())
                        .set("same", s.same()).set("up_clear", s.upClear()).set("down_clear", s.downClear()).fields);
            }
            for (String note : c.notes()) {
                printer.printRecord((Object[]) new CsvRow(HEADER, "note", CompareFormats.FORMAT).set("note", note).fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    private static void side(CsvRow row, String prefix, CellStats c) {
        if (c != null) {
            row.set(prefix + "n", c.n()).set(prefix + "median", c.median()).set(prefix + "min", c.min())
                    .set(prefix + "max", c.max());
        }
    }
}
