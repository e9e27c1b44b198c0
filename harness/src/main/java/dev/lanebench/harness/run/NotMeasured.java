package dev.lanebench.harness.run;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a run did not measure, for summary.md and the run's last line: lanes it skipped and why, replications it
 * chose not to attempt, replications a stop left undone, and whether any model was measured at all (a run of
 * only the reference lanes measures none).
 *
 * @param skipped       lanes not run
 * @param notRun        replications not attempted (run.json {@code not_run})
 * @param left          replications neither final nor in notRun when the run ended (a stop)
 * @param modelMeasured whether some lane with a model has a scored attempt
 */
public record NotMeasured(List<SkippedLane> skipped, List<NotRun> notRun, int left, boolean modelMeasured) {
    public NotMeasured {
        skipped = List.copyOf(skipped);
        notRun = List.copyOf(notRun);
    }

    public boolean nothing() {
        return skipped.isEmpty() && notRun.isEmpty() && left == 0 && modelMeasured;
    }

    /** One line: {@code glm-5.2-flat (OPENROUTER_API_KEY not set), 3 replications not run; no model was measured}. */
    public String line() {
        if (nothing()) {
            return "everything planned was measured";
        }
        List<String> parts = new ArrayList<>();
        for (SkippedLane s : skipped) {
            parts.add(s.lane() + " (" + s.reason() + ")");
        }
        if (!notRun.isEmpty()) {
            parts.add(notRun.size() + " replication" + (notRun.size() == 1 ? "" : "s") + " not run ("
                    + notRun.stream().map(NotRun::reason).distinct().collect(Collectors.joining("; ")) + ")");
        }
        if (left > 0) {
            parts.add(left + " replication" + (left == 1 ? "" : "s") + " left by the stop");
        }
        String line = parts.isEmpty() ? "" : String.join(", ", parts);
        if (!modelMeasured) {
            line += (line.isEmpty() ? "" : "; ") + "no model was measured";
        }
        return line;
    }

    /** The "Not measured" section of summary.md, or "" when everything was. */
    public String markdown() {
        if (nothing()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n## Not measured\n\n");
        if (!modelMeasured) {
            b.append("**No model was measured**: no lane with a model has a scored attempt")
                    .append(skipped.isEmpty() ? "" : " (the model lanes were skipped, below)").append(".\n\n");
        }
        for (SkippedLane s : skipped) {
            b.append("- lane `").append(s.lane()).append("` skipped: ").append(s.reason()).append('\n');
        }
        for (NotRun n : notRun) {
            b.append("- ").append(n.task()).append(" × ").append(n.lane()).append(" r").append(n.replication())
                    .append(" not run: ").append(n.reason()).append('\n');
        }
        if (left > 0) {
            b.append("- ").append(left).append(" replication").append(left == 1 ? " was" : "s were")
                    .append(" not done when the run was stopped (finish them with --resume)\n");
        }
        return b.toString();
    }
}
