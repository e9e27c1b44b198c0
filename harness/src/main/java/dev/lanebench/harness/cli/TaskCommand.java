package dev.lanebench.harness.cli;

import dev.lanebench.harness.admission.AdmissionCheck;
import dev.lanebench.harness.admission.TaskScaffold;
import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.TaskLoader;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanebench task new|check}: scaffold a task, and the admission gate every task must pass. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Author tasks: scaffold a new one, check admission.",
        subcommands = {TaskCommand.New.class, TaskCommand.Check.class})
final class TaskCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Scaffold tasks/<tier>/<id>/ for a new task.",
                "Writes task.yaml, instruction.md, repo/, a runnable verify/verify.py with a",
                "first failing check, verify/decoys/ and solution/.",
                "Then: lanebench task check <id>."})
    static final class New implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Parameters(index = "0", paramLabel = "ID", description = "The task id ([a-z0-9-]+), also its folder name.")
        String id;

        @Option(names = "--tier", required = true, paramLabel = "TIER",
                description = "A tier of the catalogue or of scoring.yaml, e.g. t1_trivial.")
        String tier;

        @Option(names = "--kind", defaultValue = "implement", paramLabel = "KIND",
                description = "implement, debug, security, review, design or refactor (default: ${DEFAULT-VALUE}).")
        String kind;

        @Override
        public Integer call() throws IOException {
            java.util.Set<String> tiers = new java.util.TreeSet<>(config.scoring().costBudgetUsd().keySet());
            Catalogue.tierFolders(config.tasksDir()).forEach(p -> tiers.add(p.getFileName().toString()));
            Path dir = TaskScaffold.create(config.tasksDir(), id, tier, kind, tiers);
            System.out.println("created " + dir + "/");
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).sorted().forEach(p -> System.out.println("  " + dir.relativize(p)));
            }
            if (!Files.isRegularFile(TaskScaffold.supportHelper(config.tasksDir()))) {
                System.out.println("note: verify.py imports " + TaskScaffold.supportHelper(config.tasksDir())
                        + "; copy it from lanebench's tasks/_support/ into this catalogue");
            }
            System.out.println("next: fill in repo/, instruction.md, verify/, solution/ and decoys (one of them gaming),"
                    + " then: lanebench task check " + id);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"The admission gate: check tasks before they enter the catalogue.",
                "Oracle >= 4.5 on three identical runs, untouched repo <= max_baseline,",
                "each decoy <= its declared maximum and at least one gaming decoy, no",
                "verify_error on hostile workspaces, verify within its timeout, no TODO",
                "left in the title or instruction, repo/ leaks neither verify/ nor",
                "solution/, valid task.yaml. Prints a table and the checks each decoy",
                "passed; exits 1 when any task fails. Tasks are checked in parallel."})
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Parameters(arity = "0..*", paramLabel = "ID", description = "Tasks to check (default: the whole catalogue).")
        List<String> ids;

        @Option(names = "--parallel", paramLabel = "N",
                description = "Check N tasks at once (default: the number of processors).")
        Integer parallel;

        @Override
        public Integer call() throws InterruptedException, IOException {
            List<Path> dirs = taskDirs();
            int workers = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
            if (workers < 1) {
                throw new ConfigException("task check: --parallel must be at least 1, got " + workers);
            }
            Path scratch = Files.createTempDirectory("lanebench-admission");
            AdmissionCheck check = new AdmissionCheck(scratch, Environment.get());
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, dirs.size())));
            List<AdmissionCheck.Report> reports = new ArrayList<>();
            try {
                // Tasks are independent (each grades in scratch folders of its own); the table keeps catalogue order.
                List<Future<AdmissionCheck.Report>> pending = new ArrayList<>();
                for (Path dir : dirs) {
                    pending.add(pool.submit(() -> admit(check, dir)));
                }
                for (Future<AdmissionCheck.Report> f : pending) {
                    reports.add(f.get());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                Workspace.deleteTree(scratch);
            }
            System.out.println();
            print(reports);
            return reports.stream().allMatch(AdmissionCheck.Report::admitted) ? 0 : 1;
        }

        private static AdmissionCheck.Report admit(AdmissionCheck check, Path dir) throws InterruptedException {
            AdmissionCheck.Report r;
            try {
                r = check.check(TaskLoader.load(dir));
            } catch (ConfigException e) {
                r = new AdmissionCheck.Report(dir.getFileName().toString(), List.of(), null, List.of(), List.of(),
                        List.of(e.getMessage()), 0);
            }
            System.out.println((r.admitted() ? "admitted " : "REJECTED ") + r.task()
                    + String.format(java.util.Locale.ROOT, " (%.1f s)", r.seconds()));
            return r;
        }

        /** Task folders, found without loading the catalogue, so one broken task.yaml is a row, not an abort. */
        private List<Path> taskDirs() {
            List<Path> all = Catalogue.taskFolders(config.tasksDir());
            if (ids == null || ids.isEmpty()) {
                return all;
            }
            List<Path> chosen = new ArrayList<>();
            for (String id : ids) {
                chosen.add(all.stream().filter(p -> p.getFileName().toString().equals(id)).findFirst()
                        .orElseThrow(() -> new ConfigException(config.tasksDir() + ": no task folder '" + id + "'")));
            }
            return chosen;
        }

        private static void print(List<AdmissionCheck.Report> reports) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"task", "oracle (3 runs)", "baseline", "decoys (score / max)", "hostile", "verdict"});
            for (AdmissionCheck.Report r : reports) {
                String oracle = r.oracle().isEmpty() ? "—" : r.oracle().stream().map(AdmissionCheck::fmt).collect(Collectors.joining(" "));
                String decoys = r.decoys().isEmpty() ? "—" : r.decoys().stream()
                        .map(d -> d.name() + " " + AdmissionCheck.fmt(d.score()) + "/" + AdmissionCheck.fmt(d.decoy().max()))
                        .collect(Collectors.joining(", "));
                long survived = r.hostile().stream().filter(h -> h.score() != null).count();
                String hostile = r.hostile().isEmpty() ? "—" : survived + "/" + r.hostile().size() + " graded";
                rows.add(new String[] {r.task(), oracle, r.oracle().isEmpty() ? "—" : AdmissionCheck.fmt(r.baseline()), decoys,
                    hostile, r.admitted() ? "admitted" : "REJECTED"});
            }
            table(rows);
            List<String[]> decoyRows = new ArrayList<>();
            decoyRows.add(new String[] {"decoy", "kind", "score / max", "checks it passed"});
            for (AdmissionCheck.Report r : reports) {
                for (AdmissionCheck.DecoyResult d : r.decoys()) {
                    String passed = d.score() == null ? "verify_error"
                            : d.passedChecks().size() + "/" + d.totalChecks()
                            + (d.passedChecks().isEmpty() ? "" : ": " + String.join("; ", d.passedChecks()))
                            + (d.evidence().contains("capped at") ? " (" + d.evidence().substring(d.evidence().indexOf("capped at")) + ")" : "");
                    decoyRows.add(new String[] {r.task() + "/" + d.name(), d.decoy().kind().wire(),
                        AdmissionCheck.fmt(d.score()) + " / " + AdmissionCheck.fmt(d.decoy().max()), passed});
                }
            }
            if (decoyRows.size() > 1) {
                System.out.println();
                table(decoyRows);
            }
            for (AdmissionCheck.Report r : reports) {
                for (String p : r.problems()) {
                    System.out.println("  " + r.task() + ": " + p);
                }
            }
        }

        /** Prints rows as a markdown table, the first row as its header. */
        private static void table(List<String[]> rows) {
            int columns = rows.get(0).length;
            int[] width = new int[columns];
            rows.forEach(row -> {
                for (int i = 0; i < columns; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            });
            for (int k = 0; k < rows.size(); k++) {
                StringBuilder line = new StringBuilder("|");
                for (int i = 0; i < columns; i++) {
                    line.append(' ').append(String.format("%-" + width[i] + "s", rows.get(k)[i])).append(" |");
                }
                System.out.println(line);
                if (k == 0) {
                    StringBuilder rule = new StringBuilder("|");
                    for (int w : width) {
                        rule.append(' ').append("-".repeat(w)).append(" |");
                    }
                    System.out.println(rule);
                }
            }
        }
    }
}
