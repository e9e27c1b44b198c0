package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.inspect.AttemptView;
import dev.lanebench.harness.inspect.CheckList;
import dev.lanebench.harness.inspect.DiffStat;
import dev.lanebench.harness.inspect.RunFolder;
import dev.lanebench.harness.inspect.TranscriptTail;
import dev.lanebench.scoring.raw.RawRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanebench show RUN TASK LANE}: one attempt, and why it scored what it did. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one attempt of a run and why it scored what it did.",
            "Its scores, the grader's checks, the budget breaches, the patch's files,",
            "and the transcript's last turns. The last attempt of the replication is",
            "shown; earlier ones are named."})
final class ShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder (or a run id under results/).")
    Path run;

    @Parameters(index = "1", paramLabel = "TASK", description = "Task id.")
    String task;

    @Parameters(index = "2", paramLabel = "LANE", description = "Lane name.")
    String lane;

    @Option(names = "--rep", paramLabel = "K", description = "The replication (default: 1).")
    Integer rep;

    @Option(names = "--turns", paramLabel = "N", defaultValue = "3",
            description = "Transcript turns to show from the end (default: ${DEFAULT-VALUE}).")
    int turns;

    @Override
    public Integer call() {
        if (turns < 1) {
            throw new ConfigException("--turns: must be at least 1, got " + turns);
        }
        RunFolder folder = RunFolder.open(run);
        List<AttemptView> cell = folder.attempts().stream()
                .filter(a -> a.task().equals(task) && a.lane().equals(lane)).toList();
        if (cell.isEmpty()) {
            throw new ConfigException(folder.dir().root() + ": no attempt of " + task + " × " + lane
                    + " (see: lanebench attempts " + run + ")");
        }
        int k = rep != null ? rep : cell.stream().mapToInt(AttemptView::replication).min().orElse(1);
        List<AttemptView> replication = cell.stream().filter(a -> a.replication() == k).toList();
        if (replication.isEmpty()) {
            throw new ConfigException("--rep: " + task + " × " + lane + " has no replication " + k + " (it has "
                    + cell.stream().map(a -> "r" + a.replication()).distinct().collect(Collectors.joining(", ")) + ")");
        }
        AttemptView a = replication.get(replication.size() - 1);
        header(a, cell);
        for (AttemptView earlier : replication.subList(0, replication.size() - 1)) {
            System.out.println("  earlier: " + earlier.label() + " " + earlier.status()
                    + (earlier.error() == null ? "" : " — " + earlier.error()));
        }
        if (a.row() == null) {
            return 0;
        }
        checks(a);
        breaches(a.row());
        patch(a);
        transcript(a);
        return 0;
    }

    private void header(AttemptView a, List<AttemptView> cell) {
        String others = cell.stream().map(AttemptView::replication).distinct().count() > 1
                ? " (replications " + cell.stream().map(v -> Integer.toString(v.replication())).distinct()
                        .collect(Collectors.joining(", ")) + "; --rep K for another)" : "";
        System.out.println(a.task() + " × " + a.lane() + " " + a.label() + others);
        RawRow r = a.row();
        if (r == null) {
            System.out.println("  not run: " + a.reason());
            return;
        }
        System.out.println("  status " + a.status() + (r.composite() == null ? "" : ", composite " + num(r.composite()))
                + (Boolean.TRUE.equals(r.timedOut()) ? ", stopped at its deadline" : ""));
        System.out.println("  correctness " + num(r.correctness()) + " · process " + num(r.process()) + " · cost_eff "
                + num(r.costEff()) + " · time_eff " + num(r.timeEff()) + " · quality " + num(r.quality()));
        System.out.println("  agent " + num(r.agentS()) + " s, verify " + num(r.verifyS()) + " s, " + nil(r.turns())
                + " turns, " + nil(r.toolCalls()) + " tool calls, cost "
                + (r.costUsd() == null ? "—" : String.format(Locale.ROOT, "$%.4f", r.costUsd())) + ", tokens "
                + nil(r.inputTokens()) + " in / " + nil(r.cachedTokens()) + " cached / " + nil(r.outputTokens()) + " out"
                + (r.routeOk() == null ? "" : Boolean.TRUE.equals(r.routeOk()) ? ", on route" : ", OFF ROUTE (" + r.servedModels() + ")"));
        if (r.verifyEvidence() != null) {
            System.out.println("  evidence: " + r.verifyEvidence());
        }
        if (r.error() != null) {
            System.out.println("  error: " + r.error());
        }
    }

    private static void checks(AttemptView a) {
        CheckList list = CheckList.read(a.checks());
        System.out.println();
        if (list == null) {
            System.out.println("checks: none kept (" + (a.row().verifyEvidence() != null && a.row().verifyEvidence().equals("no change")
                    ? "no change, so verify did not run" : "verify gave no result") + ")");
            return;
        }
        long passed = list.checks().stream().filter(CheckList.Check::passed).count();
        System.out.println("checks: " + passed + "/" + list.checks().size() + " pass"
                + (list.score() == null ? "" : ", grader's score " + num(list.score())));
        for (CheckList.Check c : list.checks()) {
            System.out.println("  " + (c.passed() ? "pass" : "FAIL") + "  " + c.name()
                    + (c.weight() == 1.0 ? "" : " (weight " + num(c.weight()) + ")")
                    + (c.evidence() == null || c.evidence().isBlank() ? "" : ": " + c.evidence()));
        }
    }

    private static void breaches(RawRow r) {
        System.out.println();
        if (r.budgetViolations() == null) {
            System.out.println("budget breaches: — (the task sets no budgets)");
            return;
        }
        List<String> breaches = r.error() == null ? List.of() : Arrays.stream(r.error().split("; "))
                .filter(s -> s.startsWith("budget: ")).flatMap(s -> Arrays.stream(s.substring(8).split(", "))).toList();
        System.out.println("budget breaches: " + r.budgetViolations()
                + (breaches.isEmpty() ? "" : " (" + String.join(", ", breaches) + ")") + ", process " + num(r.process()));
    }

    private static void patch(AttemptView a) {
        System.out.println();
        if (a.patch() == null || !Files.isRegularFile(a.patch())) {
            System.out.println("patch: none written");
            return;
        }
        DiffStat stat = DiffStat.of(a.patch());
        System.out.println("patch: " + stat.files().size() + " file" + (stat.files().size() == 1 ? "" : "s") + " changed, +"
                + stat.added() + " −" + stat.removed() + "  (" + a.patch() + ")");
        for (DiffStat.FileChange f : stat.files()) {
            System.out.println("  " + f.path() + (f.binary() ? "  binary" : "  +" + f.added() + " −" + f.removed()));
        }
        stat.notes().forEach(n -> System.out.println("  " + n));
    }

    private void transcript(AttemptView a) {
        System.out.println();
        if (a.transcript() == null || !Files.isRegularFile(a.transcript())) {
            System.out.println("transcript: none written");
            return;
        }
        TranscriptTail.Tail tail = TranscriptTail.of(a.transcript(), turns);
        System.out.println("transcript: last " + tail.turnsShown() + " of " + tail.turnsTotal() + " turns  (" + a.transcript() + ")");
        tail.lines().forEach(l -> System.out.println("  " + l));
    }

    private static String num(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String nil(Object v) {
        return v == null ? "—" : v.toString();
    }
}
