package dev.lanebench.harness.run;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.config.LanebenchHome;
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
import dev.lanebench.scoring.tables.TableFormats;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Carries out one run from request to results folder: manifest, journal, attempts, summary.md, and the exit
 * code (docs/reference.md, "Exit codes"). It prints only the tables, on {@code out}; everything else it has to
 * say goes to its listeners. A SIGINT or SIGTERM stops the run cleanly: the attempts in flight are stopped,
 * summary.md and run.json are written for what finished, and the listeners are told how to resume.
 */
public final class RunSession {
    /** How long a signalled JVM waits for the run to write its summary before it exits anyway. */
    private static final long STOP_WAIT_S = 30;

    private final Map<String, String> env;
    private final ScoringConfig scoring;
    private final PrintStream out;
    private final RunListener listener;
    private final RunJudge judge;

    /**
     * @param out       where the tables go (stdout)
     * @param listeners told of the run's progress, in order; a console listener belongs last
     */
    public RunSession(Map<String, String> env, ScoringConfig scoring, PrintStream out, List<RunListener> listeners) {
        this(env, scoring, out, listeners, null);
    }

    /** @param judge judges the scored attempts of tasks with a rubric; null for none */
    public RunSession(Map<String, String> env, ScoringConfig scoring, PrintStream out, List<RunListener> listeners,
                      RunJudge judge) {
        this.env = env;
        this.scoring = scoring;
        this.out = out;
        this.listener = new Listeners(listeners);
        this.judge = judge;
    }

    /** Runs the request; returns 0 when every replication scored, 1 when infra or verify errors are left. */
    public int run(RunRequest req, Map<String, Path> inputs) throws IOException, InterruptedException {
        RunControls controls = req.controls();
        Files.createDirectories(req.runDir());
        List<RawRow> existing = List.of();
        List<String> notices = new ArrayList<>();
        RunManifest manifest;
        RunDirectory dir;
        if (req.resume()) {
            Path rawCsv = req.runDir().resolve("raw.csv");
            if (RawCsvReader.repairTail(rawCsv)) {
                notices.add("repaired a half-written last line in " + rawCsv);
            }
            existing = Files.exists(rawCsv) ? RawCsvReader.read(rawCsv) : List.of();
            manifest = RunManifest.read(req.runDir().resolve("run.json"));
            // The run id the rows carry: the shards of one run keep theirs (--run-id) whatever their folder.
            dir = manifest.runId() == null ? new RunDirectory(req.runDir()) : new RunDirectory(req.runDir(), manifest.runId());
            for (Task t : req.tasks()) {
                String was = manifest.taskHash(t.id());
                if (was != null && !was.equals(t.hash())) {
                    notices.add("warning: task " + t.id() + " changed since the run started (hash " + was + " → "
                            + t.hash() + "); new rows carry the new hash");
                }
            }
            manifest.markResumed();
        } else {
            dir = controls.runId() == null ? new RunDirectory(req.runDir()) : new RunDirectory(req.runDir(), controls.runId());
            Map<String, Map<String, String>> versions = new LinkedHashMap<>();
            for (Lane lane : req.lanes()) {
                versions.put(lane.name(), RunnerFactory.create(lane).toolVersions(env));
            }
            manifest = RunManifest.create(dir.runId(), req.args(), req.tasks(), req.lanes(), req.repsOverride(), versions, inputs,
                    sandboxes(req));
            manifest.skippedLanes(req.skipped());
            manifest.shard(controls.shard());
            manifest.git("harness", GitCheckout.of(LanebenchHome.dir()));
            Path tasksDir = inputs.get("tasks_dir");
            manifest.git("catalogue", tasksDir == null ? null : GitCheckout.of(tasksDir));
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
                notices.add("warning: could not remove the interrupted run's work folder " + leftOver + ": " + e.getMessage());
            }
        }

        List<Lane> lanesToRun = preflight(req, dir, manifest);
        List<Replication> plan = req.myPlan();
        List<Replication> runnable = plan.stream().filter(r -> lanesToRun.contains(r.lane())).toList();
        RunJournal journal = new RunJournal(existing);
        int alreadyDone = (int) runnable.stream().filter(r -> journal.isFinal(r, req.retry().retries())).count();
        Map<Status, Integer> before = new EnumMap<>(Status.class);
        existing.forEach(r -> before.merge(r.status(), 1, Integer::sum));
        List<SkippedLane> skipped = manifest.skippedLanes();
        listener.runStarted(new RunStart(dir, req.tasks().size(), lanesToRun.size(), runnable.size(), alreadyDone, before,
                req.parallel(), skipped, req.resume()));
        notices.forEach(listener::notice);
        if (controls.shard() != null) {
            listener.notice("shard " + controls.shard() + " of run " + dir.runId() + ": " + runnable.size() + " of the plan's "
                    + req.plan().size() + " replications");
        }
        if (controls.maxCostUsd() != null) {
            listener.notice(String.format(Locale.ROOT, "cost cap: no attempt starts once $%.2f is spent or in flight",
                    controls.maxCostUsd()));
        }
        warnUncappable(controls, lanesToRun);

        Map<String, LaneSandbox> sandboxes = sandboxes(req);
        sandboxes.forEach((lane, s) -> {
            if (!s.sandbox().isolates() && s.explicit()) {
                listener.notice("warning: lane " + lane + " runs WITHOUT a sandbox (sandbox: none): its agent can read and"
                        + " write whatever this user can and reach the network; its rows say sandbox=none");
            }
        });
        Redactor redactor = redactor(req.allLanes(), env);
        List<RawRow> rows;
        boolean stopped;
        RunExecutor executor;
        CountDownLatch ended = new CountDownLatch(1);
        // Ctrl-C ends the JVM but not the agents, commands and graders it started; they must not linger.
        Thread reaper = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "lanebench-reaper");
        if (judge != null) {
            listener.notice("judge: panel " + judge.panel().id() + " scores the quality of tasks with a rubric");
        }
        try (JsonLinesFile routes = JsonLinesFile.appendTo(dir.routes(), redactor); RunJudge judging = judge) {
            RunContext ctx = new RunContext(dir, workRoot, routes, redactor, env, scoring, req.keepWorkspaces(),
                    HarnessVersion.get(), sandboxes, judging);
            executor = new RunExecutor(ctx, req.retry(), req.parallel(), controls);
            // On SIGINT/SIGTERM the JVM runs its hooks, then exits: hold it until the summary is written.
            RunExecutor running = executor;
            Thread stopper = new Thread(() -> {
                running.stop();
                try {
                    ended.await(STOP_WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lanebench-stop");
            Runtime.getRuntime().addShutdownHook(reaper);
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                rows = executor.execute(runnable, journal, listener);
                stopped = executor.stopped();
            } finally {
                removeHook(stopper);
                removeHook(reaper);
            }
        } finally {
            if (!req.keepWorkspaces()) {
                try {
                    Workspace.deleteTree(workRoot);
                } catch (RuntimeException e) {
                    listener.notice("warning: could not remove the work folder " + workRoot + ": " + e.getMessage());
                }
            }
        }
        try {
            if (req.keepWorkspaces()) {
                listener.notice("workspaces kept under " + workRoot);
            }
            List<NotRun> notRun = executor.notRun();
            manifest.notRun(notRun);
            manifest.cost(controls.maxCostUsd(), executor.spentUsd());
            manifest.endpointPauses(executor.endpointPauses());
            for (EndpointCircuits.Pause p : executor.endpointPauses()) {
                listener.notice("endpoint " + p.endpoint() + " answered 429 " + p.consecutive429() + " times in a row: its"
                        + " new attempts paused " + Math.round(p.pauseSeconds()) + " s");
            }
            if (!notRun.isEmpty()) {
                listener.notice(notRun.size() + " replications not run: " + notRun.get(0).reason() + "; --resume "
                        + req.runDir() + " with a higher --max-cost (or max_cost_usd) runs them");
            }
            int left = (int) runnable.stream().filter(r -> !journal.isFinal(r, req.retry().retries())).count();
            NotMeasured notMeasured = new NotMeasured(skipped, notRun, Math.max(0, left - notRun.size()),
                    modelMeasured(req.lanes(), rows));
            // Read back from the folder, so the tables join the judgements made during the run.
            String tables = TableFormats.named("md").render(TableReport.builder().addFile(dir.root()).build());
            Files.writeString(dir.summary(), tables.replaceFirst("^# lanebench results", "# lanebench results — run " + dir.runId())
                    + notMeasured.markdown());
            Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> r.status().wire(), TreeMap::new, Collectors.counting()));
            manifest.finish(counts, stopped);
            manifest.write(dir.manifest());
            out.println(tables);
            out.flush();
            int exit = unfinished(plan, journal) ? 1 : 0;
            listener.runFinished(new RunEnd(dir, rows, exit, stopped, left > 0 ? req.resumeCommand() : null, notMeasured));
            return exit;
        } finally {
            ended.countDown();
        }
    }

    /** Runs the pre-flight check on the model-driven lanes; returns the lanes that may run. */
    private List<Lane> preflight(RunRequest req, RunDirectory dir, RunManifest manifest) throws IOException, InterruptedException {
        List<Lane> lanes = new ArrayList<>(req.lanes());
        LaneCheck check = req.controls().preflight();
        if (check == null) {
            return lanes;
        }
        List<Lane> checked = lanes.stream().filter(l -> RunnerFactory.create(l).modelDriven()).toList();
        if (checked.isEmpty()) {
            return lanes;
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (LaneCheck.Outcome v : check.check(checked, dir.preflight())) {
            records.add(v.record());
            if (v.passed()) {
                manifest.unskipLane(v.lane());
            } else {
                manifest.skipLane(v.lane(), "preflight: " + v.reason());
                lanes.removeIf(l -> l.name().equals(v.lane()));
            }
        }
        manifest.preflight(records);
        manifest.write(dir.manifest());
        return lanes;
    }

    /** A cap cannot hold a lane whose attempts have no price and whose endpoint reports no cost: say so up front. */
    private void warnUncappable(RunControls controls, List<Lane> lanes) {
        for (Lane lane : lanes) {
            boolean capped = controls.maxCostUsd() != null || lane.spec().maxCostUsd() != null;
            if (capped && lane.model() != null && lane.model().price() == null) {
                listener.notice("warning: lane " + lane.name() + " has no price_per_mtok: the cost cap counts its spend"
                        + " only where its endpoint reports the cost, and reserves nothing for its attempts in flight");
            }
        }
    }

    /** A hook is gone by itself once the JVM is shutting down; removing it then is refused, and harmless. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (a signal): the hook is running and ends with the run
        }
    }

    /** Whether some lane with a model got a scored attempt: the reference lanes alone measure no model. */
    private static boolean modelMeasured(List<Lane> lanes, List<RawRow> rows) {
        Set<String> modelLanes = lanes.stream().filter(l -> l.model() != null).map(Lane::name).collect(Collectors.toSet());
        return rows.stream().anyMatch(r -> r.status() == Status.SCORED && modelLanes.contains(r.lane()));
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
    public static Path privateWorkRoot() throws IOException {
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

    /** The redactor of a run over these lanes: their key values and any credential-named variable's. */
    public static Redactor redactor(List<Lane> lanes, Map<String, String> env) {
        return Redactor.forEnv(secretEnvNames(lanes, env), env);
    }

    /** The lanes' key variables, and anything in the environment named like a credential. */
    private static List<String> secretEnvNames(List<Lane> lanes, Map<String, String> env) {
        java.util.stream.Stream<String> keyEnvs = lanes.stream()
                .flatMap(l -> java.util.stream.Stream.of(l.endpoint(), l.smallEndpoint()))
                .filter(Objects::nonNull).map(e -> e.apiKeyEnv()).filter(Objects::nonNull);
        java.util.stream.Stream<String> credentialLike = env.keySet().stream()
                .filter(k -> k.matches("(?i).*(API_?KEY|TOKEN|SECRET|PASSWORD).*"));
        return java.util.stream.Stream.concat(keyEnvs, credentialLike).distinct().toList();
    }

    /** Several listeners as one, called in order; one that throws does not silence the others. */
    private record Listeners(List<RunListener> all) implements RunListener {
        Listeners {
            all = List.copyOf(all);
        }

        @Override
        public void runStarted(RunStart start) {
            all.forEach(l -> safely(() -> l.runStarted(start)));
        }

        @Override
        public void attemptStarted(LiveAttempt attempt) {
            all.forEach(l -> safely(() -> l.attemptStarted(attempt)));
        }

        @Override
        public void attemptFinished(AttemptFinished finished) {
            all.forEach(l -> safely(() -> l.attemptFinished(finished)));
        }

        @Override
        public void notice(String message) {
            all.forEach(l -> safely(() -> l.notice(message)));
        }

        @Override
        public void runFinished(RunEnd end) {
            all.forEach(l -> safely(() -> l.runFinished(end)));
        }

        private static void safely(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                System.err.println("lanebench: a run listener failed: " + e);
            }
        }
    }
}
