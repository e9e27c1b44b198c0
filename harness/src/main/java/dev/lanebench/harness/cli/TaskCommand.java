package dev.lanebench.harness.cli;

import dev.lanebench.harness.admission.AdmissionCheck;
import dev.lanebench.harness.admission.TaskScaffold;
import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.catalogue.TaskLoader;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

        @Option(names = "--tier", required = true, paramLabel = "TIER", description = "e.g. t1_trivial, t3_complex.")
        String tier;

        @Option(names = "--kind", defaultValue = "implement", paramLabel = "KIND",
                description = "implement, debug, security, review, design or refactor (default: ${DEFAULT-VALUE}).")
        String kind;

        @Override
        public Integer call() throws IOException {
            Path dir = TaskScaffold.create(config.tasksDir, id, tier, kind);
            System.out.println("created " + dir + "/");
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).sorted().forEach(p -> System.out.println("  " + dir.relativize(p)));
            }
            if (!Files.isRegularFile(TaskScaffold.supportHelper(config.tasksDir))) {
                System.out.println("note: verify.py imports " + TaskScaffold.supportHelper(config.tasksDir)
                        + "; copy it from lanebench's tasks/_support/ into this catalogue");
            }
            System.out.println("next: fill in repo/, instruction.md, verify/, solution/ and a decoy, then: lanebench task check " + id);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"The admission gate: check tasks before they enter the catalogue.",
                "Oracle >= 4.5 on three identical runs, untouched repo <= max_baseline,",
                "each decoy <= its declared maximum, verify within its timeout, repo/",
                "leaks neither verify/ nor solution/, valid task.yaml. Prints a table;",
                "exits 1 when any task fails."})
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Parameters(arity = "0..*", paramLabel = "ID", description = "Tasks to check (default: the whole catalogue).")
        List<String> ids;

        @Override
        public Integer call() throws InterruptedException, IOException {
            List<Path> dirs = taskDirs();
            Path scratch = Files.createTempDirectory("lanebench-admission");
            List<AdmissionCheck.Report> reports = new ArrayList<>();
            try {
                AdmissionCheck check = new AdmissionCheck(scratch, Environment.get());
                for (Path dir : dirs) {
                    AdmissionCheck.Report r;
                    try {
                        Task task = TaskLoader.load(dir);
                        r = check.check(task);
                    } catch (ConfigException e) {
                        r = new AdmissionCheck.Report(dir.getFileName().toString(), List.of(), null, Map.of(), List.of(e.getMessage()));
                    }
                    reports.add(r);
                    System.out.println((r.admitted() ? "admitted " : "REJECTED ") + r.task());
                }
            } finally {
                Workspace.deleteTree(scratch);
            }
            System.out.println();
            print(reports);
            return reports.stream().allMatch(AdmissionCheck.Report::admitted) ? 0 : 1;
        }

        /** Task folders, found without loading the catalogue, so one broken task.yaml is a row, not an abort. */
        private List<Path> taskDirs() {
            List<Path> all = Catalogue.taskFolders(config.tasksDir);
            if (ids == null || ids.isEmpty()) {
                return all;
            }
            List<Path> chosen = new ArrayList<>();
            for (String id : ids) {
                chosen.add(all.stream().filter(p -> p.getFileName().toString().equals(id)).findFirst()
                        .orElseThrow(() -> new ConfigException(config.tasksDir + ": no task folder '" + id + "'")));
            }
            return chosen;
        }

        private static void print(List<AdmissionCheck.Report> reports) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"task", "oracle (3 runs)", "baseline", "decoys", "verdict"});
            for (AdmissionCheck.Report r : reports) {
                String oracle = r.oracle().isEmpty() ? "—" : r.oracle().stream().map(AdmissionCheck::fmt).collect(Collectors.joining(" "));
                String decoys = r.decoys().isEmpty() ? "—" : r.decoys().entrySet().stream()
                        .map(e -> e.getKey() + " " + AdmissionCheck.fmt(e.getValue())).collect(Collectors.joining(", "));
                rows.add(new String[] {r.task(), oracle, r.oracle().isEmpty() ? "—" : AdmissionCheck.fmt(r.baseline()), decoys,
                    r.admitted() ? "admitted" : "REJECTED"});
            }
            int[] width = new int[5];
            rows.forEach(row -> {
                for (int i = 0; i < 5; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            });
            for (int k = 0; k < rows.size(); k++) {
                StringBuilder line = new StringBuilder("|");
                for (int i = 0; i < 5; i++) {
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
            for (AdmissionCheck.Report r : reports) {
                for (String p : r.problems()) {
                    System.out.println("  " + r.task() + ": " + p);
                }
            }
        }
    }
}
