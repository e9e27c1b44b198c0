package dev.lanebench.harness.run;

import java.util.List;
import java.util.Map;

/** The part of summary.md that says what a run left out: lanes skipped (pre-flight) and replications not started. */
public final class NotRunSection {
    private NotRunSection() {
    }

    /** Markdown to append to summary.md; empty when nothing was left out. */
    public static String markdown(Map<String, String> skippedLanes, List<NotRun> notRun) {
        if (skippedLanes.isEmpty() && notRun.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n## Not run\n");
        if (!skippedLanes.isEmpty()) {
            b.append("\n| lane skipped | why |\n|---|---|\n");
            skippedLanes.forEach((lane, why) -> b.append("| ").append(lane).append(" | ").append(cell(why)).append(" |\n"));
        }
        if (!notRun.isEmpty()) {
            b.append("\n| task | lane | replication | why |\n|---|---|---|---|\n");
            for (NotRun n : notRun) {
                b.append("| ").append(n.task()).append(" | ").append(n.lane()).append(" | r").append(n.replication())
                        .append(" | ").append(cell(n.reason())).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}
