package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;
import dev.lanebench.scoring.stats.LaneTotals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A {@link TableReport} as one long-format CSV for spreadsheets and scripts (format {@value JsonFormat#FORMAT},
 * in the last column of every row): every table in one file, told apart by the {@code table} column, each
 * using the columns that apply to it and leaving the rest empty.
 *
 * <ul>
 *   <li>{@code cell}: task, version, tier, lane, runner, model, n, median, min, max, iqr, infra_errors,
 *       verify_errors, off_route</li>
 *   <li>{@code comparison}: one row per task and harness lane: task, version, tier, model, flat_lane,
 *       harness_lane, harness_runner, flat_median, harness_median, delta, ranges_disjoint, single_attempt</li>
 *   <li>{@code comparison_all}: one row per harness lane, task = "all tasks": model, flat_lane, harness_lane,
 *       harness_runner, n = tasks in the mean, flat_median / harness_median = the means, delta, ci95_low,
 *       ci95_high, up, down, same, up_clear, down_clear</li>
 *   <li>{@code lane}: lane, runner, model, attempts, n = scored, off_route, infra_errors, verify_errors,
 *       cost_usd, cost_measured, input_tokens, cached_tokens, output_tokens, tokens_measured, agent_s,
 *       agent_s_measured, sandbox (the backends, {@code ;}-separated)</li>
 *   <li>{@code note}: note</li>
 * </ul>
 */
final class CsvFormat implements ResultFormat<TableReport> {
    /** The columns of format /1 keep their places (claude_lane and claude_median renamed); new ones follow. */
    static final List<String> HEADER = List.of("table", "task", "tier", "lane", "runner", "model", "n", "median",
            "min", "max", "iqr", "infra_errors", "verify_errors", "off_route", "flat_lane", "harness_lane",
            "flat_median", "harness_median", "delta", "attempts", "cost_usd", "cost_measured", "version",
            "harness_runner", "ranges_disjoint", "single_attempt", "ci95_low", "ci95_high", "up", "down", "same",
            "up_clear", "down_clear", "input_tokens", "cached_tokens", "output_tokens", "tokens_measured", "agent_s",
            "agent_s_measured", "sandbox", "note", "format");
    static final String ALL_TASKS = "all tasks";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    @Override
    public String name() {
        return "csv";
    }

    private static CsvRow row(String table) {
        return new CsvRow(HEADER, table, JsonFormat.FORMAT);
    }

    @Override
    public String render(TableReport r) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(HEADER);
            for (TaskRef t : r.taskRefs()) {
                for (String laneName : r.lanes()) {
                    CellStats c = r.cell(t.key(), laneName);
                    if (c == null) {
                        continue;
                    }
                    LaneTotals lane = r.laneTotals(laneName);
                    CsvRow row = task(row("cell"), t).set("lane", laneName)
                            .set("runner", lane == null ? null : lane.runner())
                            .set("model", lane == null ? null : lane.model());
                    cell(row, c);
                    printer.printRecord((Object[]) row.fields);
                }
            }
            for (Comparison c : r.comparisons()) {
                for (Comparison.Row cr : c.rows()) {
                    for (int i = 0; i < c.harnesses().size(); i++) {
                        CellStats h = cr.harness().get(i);
                        Delta d = cr.deltas().get(i);
                        CsvRow row = task(pair(row("comparison"), c, i), cr.task())
                                .set("flat_median", cr.flat() == null ? null : cr.flat().median())
                                .set("harness_median", h == null ? null : h.median())
                                .set("delta", d == null ? null : d.value())
                                .set("ranges_disjoint", d == null ? null : d.rangesDisjoint())
                                .set("single_attempt", d == null ? null : d.singleAttempt());
                        printer.printRecord((Object[]) row.fields);
                    }
                }
                for (int i = 0; i < c.harnesses().size(); i++) {
                    DeltaSummary s = c.allTasks().get(i);
                    CsvRow row = pair(row("comparison_all"), c, i).set("task", ALL_TASKS).set("n", s.tasks())
                            .set("flat_median", s.baseMean()).set("harness_median", s.otherMean())
                            .set("delta", s.delta()).set("ci95_low", s.ciLow()).set("ci95_high", s.ciHigh())
                            .set("up", s.up()).set("down", s.down()).set("same", s.same())
                            .set("up_clear", s.upClear()).set("down_clear", s.downClear());
                    printer.printRecord((Object[]) row.fields);
                }
            }
            for (LaneTotals l : r.laneTotals()) {
                CsvRow row = row("lane");
                row.set("lane", l.lane()).set("runner", l.runner()).set("model", l.model())
                        .set("attempts", l.attempts()).set("n", l.scored()).set("off_route", l.offRoute())
                        .set("infra_errors", l.infraErrors()).set("verify_errors", l.verifyErrors())
                        .set("cost_usd", l.costUsd()).set("cost_measured", l.costMeasured())
                        .set("input_tokens", l.inputTokens()).set("cached_tokens", l.cachedTokens())
                        .set("output_tokens", l.outputTokens()).set("tokens_measured", l.tokensMeasured())
                        .set("agent_s", l.agentSeconds()).set("agent_s_measured", l.agentMeasured())
                        .set("sandbox", String.join(";", l.sandboxes()));
                printer.printRecord((Object[]) row.fields);
            }
            for (String note : r.notes()) {
                printer.printRecord((Object[]) row("note").set("note", note).fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    static CsvRow cell(CsvRow row, CellStats c) {
        return row.set("n", c.n()).set("median", c.median()).set("min", c.min()).set("max", c.max())
                .set("iqr", c.iqr()).set("infra_errors", c.infraErrors()).set("verify_errors", c.verifyErrors())
                .set("off_route", c.offRoute());
    }

    private static CsvRow task(CsvRow row, TaskRef t) {
        return row.set("task", t.task()).set("version", t.version()).set("tier", t.tier());
    }

    private static CsvRow pair(CsvRow row, Comparison c, int harness) {
        Comparison.Harness h = c.harnesses().get(harness);
        return row.set("model", c.model()).set("flat_lane", c.flatLane()).set("harness_lane", h.lane())
                .set("harness_runner", h.runner());
    }
}
