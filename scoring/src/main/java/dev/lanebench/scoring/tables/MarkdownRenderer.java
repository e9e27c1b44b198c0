package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.LaneTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link TableReport} as markdown for people: the matrix, one comparison per model, lane totals.
 *
 * <p>In the comparisons Δ is the difference of the two medians as printed (two decimals), so every row adds
 * up on the page; the json and csv carry the four-decimal difference, which can differ by 0.01.
 */
final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    static String render(TableReport r) {
        StringBuilder out = new StringBuilder();
        out.append("# lanebench results\n\n");
        out.append(r.rows()).append(r.rows() == 1 ? " attempt" : " attempts");
        if (!r.sources().isEmpty()) {
            out.append(" from ").append(String.join(", ", r.sources().stream().map(s -> "`" + s + "`").toList()));
        }
        out.append(".\n\n");
        for (String note : r.notes()) {
            out.append("> Note: ").append(escape(note)).append("\n\n");
        }
        matrix(r, out);
        for (Comparison c : r.comparisons()) {
            comparison(r, c, out);
        }
        totals(r, out);
        return out.toString();
    }

    private static void matrix(TableReport r, StringBuilder out) {
        out.append("## Composite by task and lane\n\n");
        out.append("Each cell: median composite (0–5) of the scored attempts, then (min–max, n); IQR from n = 4. "
                + "Infra errors, verify errors and off-route attempts (answered by another model) are listed "
                + "after `·` and never count in the median. `—` means no scored attempt; blank means not run.\n\n");
        List<String> header = new ArrayList<>(List.of("Task", "Tier"));
        header.addAll(r.lanes());
        row(out, header);
        separator(out, header.size());
        for (String task : r.tasks()) {
            List<String> cells = new ArrayList<>(List.of(task, r.tier(task)));
            for (String lane : r.lanes()) {
                cells.add(CellText.of(r.cell(task, lane)));
            }
            row(out, cells);
        }
        out.append('\n');
    }

    private static void comparison(TableReport r, Comparison c, StringBuilder out) {
        out.append("## ").append(c.model()).append(": ").append(c.flatLane()).append(" (flat) vs ")
                .append(c.claudeLane()).append(" (claude harness)\n\n");
        out.append("Δ = harness median − flat median. The last row is the mean of the per-task medians over the "
                + "tasks where both lanes have one.\n\n");
        List<String> header = List.of("Task", c.model() + " flat", c.model() + " via claude harness", "Δ");
        row(out, header);
        separator(out, header.size());
        for (Comparison.Row row : c.rows()) {
            String delta = "—";
            if (row.delta() != null) {
                delta = CellText.signed(CellText.shown(row.claude().median())
                        .subtract(CellText.shown(row.flat().median())));
            }
            row(out, List.of(row.task(), CellText.of(row.flat()), CellText.of(row.claude()), delta));
        }
        Comparison.Total t = c.allTasks();
        if (t.tasks() == 0) {
            row(out, List.of("**all tasks** (no task with both)", "—", "—", "—"));
        } else {
            BigDecimal flat = CellText.shown(t.flatMean());
            BigDecimal claude = CellText.shown(t.claudeMean());
            row(out, List.of("**all tasks** (mean of " + t.tasks() + ")", "**" + flat.toPlainString() + "**",
                    "**" + claude.toPlainString() + "**", "**" + CellText.signed(claude.subtract(flat)) + "**"));
        }
        out.append('\n');
    }

    private static void totals(TableReport r, StringBuilder out) {
        out.append("## Attempts by lane\n\n");
        out.append("Scored counts the attempts in the medians. Cost sums cost_usd over every attempt that "
                + "measured it, errors included.\n\n");
        List<String> header = List.of("Lane", "Runner", "Model", "Attempts", "Scored", "Off-route", "Infra errors",
                "Verify errors", "Cost (USD)");
        row(out, header);
        separator(out, header.size());
        for (LaneTotals l : r.laneTotals()) {
            String cost = l.costUsd() == null ? "—" : CellText.two(l.costUsd());
            if (l.costUsd() != null && l.costMeasured() < l.attempts()) {
                cost += " (" + l.costMeasured() + " of " + l.attempts() + " measured)";
            }
            row(out, List.of(l.lane(), orDash(l.runner()), orDash(l.model()), Integer.toString(l.attempts()),
                    Integer.toString(l.scored()), Integer.toString(l.offRoute()), Integer.toString(l.infraErrors()),
                    Integer.toString(l.verifyErrors()), cost));
        }
    }

    private static String orDash(String s) {
        return s == null ? "—" : s;
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(escape(c)).append(" |");
        }
        out.append('\n');
    }

    private static void separator(StringBuilder out, int columns) {
        out.append('|');
        out.append("---|".repeat(columns));
        out.append('\n');
    }

    /** Names come from files a user may have edited; a stray pipe or newline must not break the table. */
    private static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
