package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.raw.RawCsvSchema;
import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.LaneTotals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders a {@link TableReport} as one long-format CSV for spreadsheets and scripts: every table in one file,
 * told apart by the {@code table} column, each using the columns that apply to it and leaving the rest empty.
 *
 * <ul>
 *   <li>{@code cell}: task, tier, lane, runner, model, n, median, min, max, iqr, infra_errors, verify_errors, off_route</li>
 *   <li>{@code comparison}: task, tier, model, flat_lane, claude_lane, flat_median, claude_median, delta</li>
 *   <li>{@code comparison_all}: task = "all tasks", model, flat_lane, claude_lane, n = tasks in the mean,
 *       flat_median / claude_median = the means, delta</li>
 *   <li>{@code lane}: lane, runner, model, attempts, n = scored, off_route, infra_errors, verify_errors,
 *       cost_usd, cost_measured</li>
 * </ul>
 */
final class CsvRenderer {
    static final List<String> HEADER = List.of("table", "task", "tier", "lane", "runner", "model", "n", "median",
            "min", "max", "iqr", "infra_errors", "verify_errors", "off_route", "flat_lane", "claude_lane",
            "flat_median", "claude_median", "delta", "attempts", "cost_usd", "cost_measured");
    static final String ALL_TASKS = "all tasks";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private CsvRenderer() {
    }

    static String render(TableReport r) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(HEADER);
            for (CellStats c : r.cells()) {
                LaneTotals lane = laneTotals(r, c.lane());
                Row row = new Row("cell");
                row.set("task", c.task()).set("tier", c.tier()).set("lane", c.lane())
                        .set("runner", lane == null ? null : lane.runner()).set("model", lane == null ? null : lane.model())
                        .set("n", c.n()).set("median", c.median()).set("min", c.min()).set("max", c.max())
                        .set("iqr", c.iqr()).set("infra_errors", c.infraErrors())
                        .set("verify_errors", c.verifyErrors()).set("off_route", c.offRoute());
                printer.printRecord((Object[]) row.fields);
            }
            for (Comparison c : r.comparisons()) {
                for (Comparison.Row cr : c.rows()) {
                    Row row = pair(new Row("comparison"), c);
                    row.set("task", cr.task()).set("tier", cr.tier())
                            .set("flat_median", cr.flat() == null ? null : cr.flat().median())
                            .set("claude_median", cr.claude() == null ? null : cr.claude().median())
                            .set("delta", cr.delta());
                    printer.printRecord((Object[]) row.fields);
                }
                Comparison.Total t = c.allTasks();
                Row row = pair(new Row("comparison_all"), c);
                row.set("task", ALL_TASKS).set("n", t.tasks()).set("flat_median", t.flatMean())
                        .set("claude_median", t.claudeMean()).set("delta", t.delta());
                printer.printRecord((Object[]) row.fields);
            }
            for (LaneTotals l : r.laneTotals()) {
                Row row = new Row("lane");
                row.set("lane", l.lane()).set("runner", l.runner()).set("model", l.model())
                        .set("attempts", l.attempts()).set("n", l.scored()).set("off_route", l.offRoute())
                        .set("infra_errors", l.infraErrors()).set("verify_errors", l.verifyErrors())
                        .set("cost_usd", l.costUsd()).set("cost_measured", l.costMeasured());
                printer.printRecord((Object[]) row.fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    private static Row pair(Row row, Comparison c) {
        return row.set("model", c.model()).set("flat_lane", c.flatLane()).set("claude_lane", c.claudeLane());
    }

    private static LaneTotals laneTotals(TableReport r, String lane) {
        for (LaneTotals l : r.laneTotals()) {
            if (l.lane().equals(lane)) {
                return l;
            }
        }
        return null;
    }

    /** One output line, filled by column name so each table only names the columns it uses. */
    private static final class Row {
        final String[] fields = new String[HEADER.size()];

        Row(String table) {
            Arrays.fill(fields, "");
            fields[0] = table;
        }

        Row set(String column, Object value) {
            int i = HEADER.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("no csv column " + column);
            }
            if (value instanceof Double d) {
                fields[i] = RawCsvSchema.formatDouble(d);
            } else {
                fields[i] = value == null ? "" : value.toString();
            }
            return this;
        }
    }
}
