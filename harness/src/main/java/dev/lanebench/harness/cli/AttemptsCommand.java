package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.inspect.AttemptView;
import dev.lanebench.harness.inspect.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanebench attempts RUN}: every attempt of a run, and every replication it did not make, one a line. */
@Command(name = "attempts", mixinStandardHelpOptions = true,
        description = {"List the attempts of a run, and why each lost points.",
            "One line per attempt: status, composite, failed checks or error, and the",
            "paths of its transcript and patch. Replications the run did not make",
            "(run.json not_run) are listed with status not_run."})
final class AttemptsCommand implements Callable<Integer> {
    private static final int WHY_CHARS = 70;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder (or a run id under results/).")
    Path run;

    @Option(names = "--task", split = ",", paramLabel = "TASK", description = "Only these tasks.")
    List<String> tasks;

    @Option(names = "--lane", split = ",", paramLabel = "LANE", description = "Only these lanes.")
    List<String> lanes;

    @Option(names = "--status", split = ",", paramLabel = "S", completionCandidates = Statuses.class,
            description = "Only these statuses: ${COMPLETION-CANDIDATES}.")
    List<String> statuses;

    @Option(names = "--failed", description = "Only attempts that lost points: not scored, or with a failed check.")
    boolean failed;

    /** The statuses, for --status's help and completion. */
    static final class Statuses implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return AttemptView.STATUSES.iterator();
        }
    }

    @Override
    public Integer call() {
        if (statuses != null) {
            for (String s : statuses) {
                if (!AttemptView.STATUSES.contains(s)) {
                    throw new ConfigException("--status: '" + s + "' is not one of " + String.join(", ", AttemptView.STATUSES));
                }
            }
        }
        RunFolder folder = RunFolder.open(run);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TASK", "LANE", "ATTEMPT", "STATUS", "COMPOSITE", "FAILED CHECKS / ERROR", "TRANSCRIPT", "PATCH"});
        int shown = 0;
        for (AttemptView a : folder.attempts()) {
            if ((tasks != null && !tasks.contains(a.task())) || (lanes != null && !lanes.contains(a.lane()))
                    || (statuses != null && !statuses.contains(a.status())) || (failed && !a.lostPoints())) {
                continue;
            }
            shown++;
            rows.add(new String[] {a.task(), a.lane(), a.label(), a.status(),
                a.composite() == null ? "—" : String.format(Locale.ROOT, "%.2f", a.composite()), why(a),
                shown(a.transcript()), shown(a.patch())});
        }
        print(rows);
        System.out.println(shown + " of " + folder.attempts().size() + " attempts in " + folder.dir().root());
        return 0;
    }

    private static String why(AttemptView a) {
        List<String> failedChecks = a.failedChecks();
        String why = !failedChecks.isEmpty() ? "failed: " + String.join(", ", failedChecks)
                : a.error() != null ? a.error() : "—";
        why = why.replaceAll("\\s+", " ");
        return why.length() <= WHY_CHARS ? why : why.substring(0, WHY_CHARS - 1) + "…";
    }

    private static String shown(Path p) {
        return p != null && Files.exists(p) ? p.toString() : "—";
    }

    /** Left-aligned columns, two spaces apart; the last column is not padded. */
    static void print(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                b.append(i == cols - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            System.out.println(b.toString().stripTrailing());
        }
    }
}
