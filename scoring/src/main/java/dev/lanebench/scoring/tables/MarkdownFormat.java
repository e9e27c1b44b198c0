package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.DeltaSummary;
import dev.lanebench.scoring.stats.LaneTotals;
import dev.lanebench.scoring.stats.PairedBootstrap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link TableReport} as markdown for people: the matrix, one comparison per model and flat lane, lane totals.
 *
 * <p>In the comparisons Δ is the difference of the two medians as printed (two decimals), so every row adds
 * up on the page; the json and csv carry the four-decimal difference, which can differ by 0.01.
 */
final class MarkdownFormat implements ResultFormat<TableReport> {
    static final String DELTA_LEGEND = "Δ = harness median − flat median, then what the replications allow one "
            + "to say: `clear` when the two sides' ranges of scored attempts do not overlap (each side with at "
            + "least two), `overlap` when they do, `n=1` when a side has a single attempt. `all tasks`: the means "
            + "of the per-task medians over the tasks where both sides have one, the 95 % interval of the mean Δ "
            + "(paired bootstrap over those tasks, " + String.format(java.util.Locale.ROOT, "%,d", PairedBootstrap.RESAMPLES)
            + " resamples, fixed seed) and how many tasks moved up, down or not at all.";

    @Override
    public String name() {
        return "md";
    }

    @Override
    public String render(TableReport r) {
        StringBuilder out = new StringBuilder();
        out.append("# lanebench results\n\n");
        out.append(r.rows()).append(r.rows() == 1 ? " attempt" : " attempts");
        if (!r.sources().isEmpty()) {
            out.append(" from ").append(String.join(", ", r.sources().stream().map(s -> "`" + s.path() + "`").toList()));
        }
        out.append(".\n\n");
        for (String note : r.notes()) {
            out.append("> Note: ").append(escape(note)).append("\n\n");
        }
        matrix(r, out);
        for (Comparison c : r.comparisons()) {
            comparison(c, out);
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
        for (TaskRef task : r.taskRefs()) {
            List<String> cells = new ArrayList<>(List.of(task.key(), task.tier()));
            for (String lane : r.lanes()) {
                cells.add(CellText.of(r.cell(task.key(), lane)));
            }
            row(out, cells);
        }
        out.append('\n');
    }

    static String title(Comparison c) {
        return c.model() + ": " + c.flatLane() + " (flat) vs " + String.join(", ",
                c.harnesses().stream().map(h -> h.lane() + " (" + h.runner() + ")").toList());
    }

    /** The label of a comparison's all-tasks line for one harness lane. */
    static String allTasksLabel(Comparison c, int harness) {
        return c.harnesses().size() == 1 ? "all tasks" : "all tasks: " + c.harnesses().get(harness).label();
    }

    private static void comparison(Comparison c, StringBuilder out) {
        out.append("## ").append(title(c)).append("\n\n");
        out.append(DELTA_LEGEND).append("\n\n");
        int h = c.harnesses().size();
        List<String> header = new ArrayList<>(List.of("Task", "flat"));
        c.harnesses().forEach(x -> header.add("via " + x.label()));
        c.harnesses().forEach(x -> header.add("Δ " + x.label()));
        row(out, header);
        separator(out, header.size());
        for (Comparison.Row row : c.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.task().key(), CellText.of(row.flat())));
            row.harness().forEach(x -> cells.add(CellText.of(x)));
            for (int i = 0; i < h; i++) {
                cells.add(CellText.delta(row.flat(), row.harness().get(i), row.deltas().get(i)));
            }
            row(out, cells);
        }
        for (int i = 0; i < h; i++) {
            DeltaSummary s = c.allTasks().get(i);
            List<String> cells = new ArrayList<>(Collections.nCopies(header.size(), ""));
            if (s.tasks() == 0) {
                cells.set(0, "**" + allTasksLabel(c, i) + "** (no task with both)");
                cells.set(1, CellText.NO_SCORE);
                cells.set(2 + i, CellText.NO_SCORE);
                cells.set(2 + h + i, CellText.NO_SCORE);
            } else {
                cells.set(0, "**" + allTasksLabel(c, i) + "** (mean of " + s.tasks() + ")");
                cells.set(1, "**" + CellText.two(s.baseMean()) + "**");
                cells.set(2 + i, "**" + CellText.two(s.otherMean()) + "**");
                String d = CellText.summaryDelta(s);
                int space = d.indexOf(' ');
                cells.set(2 + h + i, "**" + d.substring(0, space) + "**" + d.substring(space));
            }
            row(out, cells);
        }
        out.append('\n');
    }

    private static void totals(TableReport r, StringBuilder out) {
        out.append("## Attempts by lane\n\n");
        out.append("Scored counts the attempts in the medians. Cost, tokens (input uncached / cached / output) and "
                + "agent time are summed over every attempt that measured them, errors included. Sandbox: the "
                + "backends the lane's agents ran in (`none`: not confined).\n\n");
        List<String> header = List.of("Lane", "Runner", "Model", "Attempts", "Scored", "Off-route", "Infra errors",
                "Verify errors", "Cost (USD)", "Tokens in / cached / out", "Agent time", "Sandbox");
        row(out, header);
        separator(out, header.size());
        for (LaneTotals l : r.laneTotals()) {
            row(out, List.of(l.lane(), orDash(l.runner()), orDash(l.model()), Integer.toString(l.attempts()),
                    Integer.toString(l.scored()), Integer.toString(l.offRoute()), Integer.toString(l.infraErrors()),
                    Integer.toString(l.verifyErrors()), cost(l), tokens(l), time(l), sandboxes(l)));
        }
    }

    static String cost(LaneTotals l) {
        String cost = l.costUsd() == null ? CellText.NO_SCORE : CellText.two(l.costUsd());
        if (l.costUsd() != null && l.costMeasured() < l.attempts()) {
            cost += " (" + l.costMeasured() + " of " + l.attempts() + " measured)";
        }
        return cost;
    }

    static String tokens(LaneTotals l) {
        return l.tokensMeasured() == 0 ? CellText.NO_SCORE : CellText.count(l.inputTokens()) + " / "
                + CellText.count(l.cachedTokens()) + " / " + CellText.count(l.outputTokens());
    }

    /** The sandbox backends the lane ran in ({@code bwrap}, {@code none}, …); a dash where none was recorded. */
    static String sandboxes(LaneTotals l) {
        return l.sandboxes().isEmpty() ? CellText.NO_SCORE : String.join(", ", l.sandboxes());
    }

    static String time(LaneTotals l) {
        return l.agentSeconds() == null ? CellText.NO_SCORE : CellText.duration(l.agentSeconds()) + " (mean "
                + CellText.duration(l.meanAgentSeconds()) + ")";
    }

    private static String orDash(String s) {
        return s == null ? CellText.NO_SCORE : s;
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
    static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
