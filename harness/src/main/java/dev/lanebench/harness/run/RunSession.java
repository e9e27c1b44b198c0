package dev.lanebench.harness.run;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.judge.RunJudge;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.secrets.Redactor;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import dev.lanebench.scoring.tables.HtmlReport;
import dev.lanebench.scoring.tables.TableFormats;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Carries out one run from request to results folder: manifest, journal, attempts, summary.md, and the exit
 * code of DESIGN.md §10.
 */
public final class RunSession {
    private final Map<String, String> env;
    private final ScoringConfig scoring;
    private final PrintStream out;
    private final boolean terminal;
    private final RunJudge judge;

    public RunSession(Map<String, String> env, ScoringConfig scoring, PrintStream out, boolean terminal) {
        this(env, scoring, out, terminal, null);
    }

    /** @param judge judges the scored attempts of tasks with a rubric; null for none */
    public RunSession(Map<String, String> env, ScoringConfig scoring, PrintStream out, boolean terminal, RunJudge judge) {
        this.env = env;
        this.scoring = scoring;
        this.out = out;
        this.terminal = terminal;
        this.judge = judge;
    }

    /** Runs the request; returns 0 when every replication scored, 1 when infra or verify errors are left. */
    public int run(RunRequest req, Map<String, Path> inputs) throws IOException, InterruptedException {
        RunDirectory dir = new RunDirectory(req.runDir());
        Files.createDirectories(dir.root());
        List<RawRow> existing = List.of();
        RunManifest manifest;
        if (req.resume()) {
            if (RawCsvReader.repairTail(dir.rawCsv())) {
                out.println("repaired a half-written last line in " + dir.rawCsv());
            }
            existing = Files.exists(dir.rawCsv()) ? RawCsvReader.read(dir.rawCsv()) : List.of();
            manifest = RunManifest.read(dir.manifest());
            for (Task t : req.tasks()) {
                String was = manifest.taskHash(t.id());
                if (was != null && !was.equals(t.hash())) {
                    out.println("warning: task " + t.id() + " changed since the run started (hash " + was + " → "
                            + t.hash() + "); new rows carry the new hash");
                }
            }
            manifest.markResumed();
        } else {
            Map<String, Map<String, String>> versions = new LinkedHashMap<>();
            for (Lane lane : req.lanes()) {
                versions.put(lane.name(), RunnerFactory.create(lane).toolVersions(env));
            }
            manifest = RunManifest.create(dir.runId(), req.args(), req.tasks(), req.lanes(), req.repsOverride(), versions, inputs,
                    sandboxes(req));
        }
        // A run killed before it could clean up left its work folder; nothing of it runs any more.
        String leftOver = manifest.workDir();
        Path workRoot = privateWorkRoot();
        manifest.workDir(workRoot);
        manifest.write(dir.manifest());
        if (leftOver != null && !req.keepWorkspaces()) {
            try {
                Workspace.deleteTree(Path.of(leftOver));
            } catch (RuntimeException e) {
                out.println("warning: could not remove the interrupted run's work folder " + leftOver + ": " + e.getMessage());
            }
        }

        List<Replication> plan = req.plan();
        RunJournal journal = new RunJournal(existing);
        int alreadyDone = (int) plan.stream().filter(r -> journal.isFinal(r, req.retry().retries())).count();
        out.println("run " + dir.runId() + ": " + req.tasks().size() + " tasks × " + req.lanes().size() + " lanes, "
                + plan.size() + " replications" + (alreadyDone > 0 ? " (" + alreadyDone + " already done)" : "")
                + ", parallel " + req.parallel());

        Map<String, LaneSandbox> sandboxes = sandboxes(req);
        sandboxes.forEach((lane, s) -> {
            if (!s.sandbox().isolates() && s.explicit()) {
                out.println("warning: lane " + lane + " runs WITHOUT a sandbox (sandbox: none): its agent can read and"
                        + " write whatever this user can and reach the network; its rows say sandbox=none");
            }
        });
        Redactor redactor = Redactor.forEnv(secretEnvNames(req.allLanes()), env);
        List<RawRow> rows;
        // Ctrl-C ends the JVM but not the agents, commands and graders it started; they must not linger.
        Thread reaper = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "lanebench-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        if (judge != null) {
            out.println("judge: panel " + judge.panel().id() + " scores the quality of tasks with a rubric");
        }
        try (JsonLinesFile routes = JsonLinesFile.appendTo(dir.routes(), redactor); RunJudge judging = judge) {
            RunContext ctx = new RunContext(dir, workRoot, routes, redactor, env, scoring, req.keepWorkspaces(),
                    HarnessVersion.get(), sandboxes, judging);
            Progress progress = new Progress(out, terminal, plan.size(), alreadyDone);
            rows = new RunExecutor(ctx, req.retry(), req.parallel()).execute(plan, journal, progress);
        } finally {
            Runtime.getRuntime().removeShutdownHook(reaper);
            if (!req.keepWorkspaces()) {
                try {
                    Workspace.deleteTree(workRoot);
                } catch (RuntimeException e) {
                    out.println("warning: could not remove the work folder " + workRoot + ": " + e.getMessage());
                }
            }
        }
        if (req.keepWorkspaces()) {
            out.println("workspaces kept under " + workRoot);
        }

        // Read back from the folder, so the tables join the judgements made during the run.
        String tables = TableFormats.named("md").render(TableReport.builder().addFile(dir.root()).build());
        Files.writeString(dir.summary(), tables.replaceFirst("^# lanebench results", "# lanebench results — run " + dir.runId()));
        HtmlReport.write(dir.root().resolve("report.html"), List.of(dir.root()), null);
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> r.status().wire(), TreeMap::new, Collectors.counting()));
        manifest.finish(counts);
        manifest.write(dir.manifest());
        out.println();
        out.println(tables);
        out.println("results: " + dir.root());
        return unfinished(plan, journal) ? 1 : 0;
    }

    private static Map<String, LaneSandbox> sandboxes(RunRequest req) {
        Map<String, LaneSandbox> m = new LinkedHashMap<>();
        for (Lane lane : req.lanes()) {
            m.put(lane.name(), LaneSandbox.of(lane, req.sandbox()));
        }
        return m;
    }

    /**
     * A fresh folder of this run's alone for the attempts' workspaces, never shared by name with another run
     * (two runs with the same results folder name must not meet there). Others may pass through it (o+x) to
     * reach what a sandbox's private user owns, but not list it.
     */
    static Path privateWorkRoot() throws IOException {
        Path root = Files.createTempDirectory("lanebench-run-");
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        return root;
    }

    /** True when some replication of the plan ended without a scored attempt. */
    private static boolean unfinished(List<Replication> plan, RunJournal journal) {
        java.util.Set<String> scored = journal.rows().stream().filter(r -> r.status() == Status.SCORED)
                .map(r -> r.task() + "\u0000" + r.lane() + "\u0000" + r.replication()).collect(Collectors.toSet());
        return plan.stream().anyMatch(r -> !scored.contains(r.task().id() + "\u0000" + r.lane().name() + "\u0000" + r.number()));
    }

    /** The lanes' key variables, and anything in the environment named like a credential. */
    private List<String> secretEnvNames(List<Lane> lanes) {
        java.util.stream.Stream<String> keyEnvs = lanes.stream()
                .flatMap(l -> java.util.stream.Stream.of(l.endpoint(), l.smallEndpoint()))
                .filter(Objects::nonNull).map(e -> e.apiKeyEnv()).filter(Objects::nonNull);
        java.util.stream.Stream<String> credentialLike = env.keySet().stream()
                .filter(k -> k.matches("(?i).*(API_?KEY|TOKEN|SECRET|PASSWORD).*"));
        return java.util.stream.Stream.concat(keyEnvs, credentialLike).distinct().toList();
    }
}
