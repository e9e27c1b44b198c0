package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.DeltaSummary;
import dev.lanebench.scoring.stats.LaneTotals;
import java.util.List;

/** A {@link RunComparison} as markdown: one table per lane, A and B side by side with the change. */
final class CompareMarkdown implements ResultFormat<RunComparison> {
    static final String LEGEND = "Change = B median − A median, as printed, then `clear` (the two runs' ranges of "
            + "scored attempts do not overlap, each with at least two), `overlap` or `n=1`, as in the comparisons of "
            + "`lanebench table`. `all tasks`: the means over the tasks where both runs have a median, the 95 % "
            + "interval of the mean change (paired bootstrap over those tasks) and how many tasks moved up, down or "
            + "not at all.";

    @Override
    public String name() {
        return "md";
    }

    @Override
    public String render(RunComparison c) {
        StringBuilder out = new StringBuilder("# lanebench compare\n\n");
        out.append("A: ").append(sources(c.a())).append(" · B: ").append(sources(c.b())).append("\n\n");
        for (String note : c.notes()) {
            out.append("> Note: ").append(MarkdownFormat.escape(note)).append("\n\n");
        }
        out.append(LEGEND).append("\n\n");
        for (RunComparison.LaneTable lane : c.lanes()) {
            out.append("## ").append(title(lane)).append("\n\n");
            out.append("| Task | A | B | Change |\n|---|---|---|---|\n");
            for (RunComparison.Row row : lane.rows()) {
                String task = row.task().key() + (row.task().taskChanged() ? " (task changed)" : "");
                line(out, task, CellText.of(row.a()), CellText.of(row.b()), CellText.delta(row.a(), row.b(), row.change()));
            }
            DeltaSummary s = lane.allTasks();
            if (s.tasks() == 0) {
                line(out, "**all tasks** (no task in both)", CellText.NO_SCORE, CellText.NO_SCORE, CellText.NO_SCORE);
            } else {
                String d = CellText.summaryDelta(s);
                int space = d.indexOf(' ');
                line(out, "**all tasks** (mean of " + s.tasks() + ")", "**" + CellText.two(s.baseMean()) + "**",
                        "**" + CellText.two(s.otherMean()) + "**", "**" + d.substring(0, space) + "**" + d.substring(space));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String sources(TableReport r) {
        return String.join(", ", r.sources().stream().map(s -> "`" + s.path() + "`").toList()) + " (" + r.rows()
                + (r.rows() == 1 ? " attempt)" : " attempts)");
    }

    /** {@code lane (runner, model)}, or both identities where the lane changed or ran in one run only. */
    static String title(RunComparison.LaneTable lane) {
        LaneTotals a = lane.a();
        LaneTotals b = lane.b();
        if (a != null && b != null && java.util.Objects.equals(a.runner(), b.runner())
                && java.util.Objects.equals(a.model(), b.model())) {
            return lane.lane() + " (" + identity(a) + ")";
        }
        return lane.lane() + " (A: " + (a == null ? "not run" : identity(a)) + "; B: "
                + (b == null ? "not run" : identity(b)) + ")";
    }

    private static String identity(LaneTotals t) {
        return t.model() == null ? t.runner() : t.runner() + ", " + t.model();
    }

    private static void line(StringBuilder out, String... cells) {
        out.append('|');
        for (String c : List.of(cells)) {
            out.append(' ').append(MarkdownFormat.escape(c)).append(" |");
        }
        out.append('\n');
    }
}
