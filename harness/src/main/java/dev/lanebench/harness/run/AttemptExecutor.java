package dev.lanebench.harness.run;

import dev.lanebench.harness.catalogue.ContentHash;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.judge.RunJudge;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.harness.workspace.GradingCopy;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.harness.verify.Verifier;
import dev.lanebench.harness.verify.VerifyOutcome;
import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.sandbox.SandboxMounts;
import dev.lanebench.runners.sandbox.SandboxSession;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.judge.AttemptId;
import dev.lanebench.scoring.judge.Judgement;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one attempt end to end — fresh workspace, agent, patch, verify — and turns it into its raw.csv row,
 * applying the statuses and fairness rules (METHODOLOGY.md §2).
 */
public final class AttemptExecutor {
    /** How long past its deadline a runner may take to wind down before the harness abandons it. */
    private static final Duration OVERRUN_GRACE = Duration.ofSeconds(30);
    private static final ExecutorService AGENT_THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lanebench-agent");
        t.setDaemon(true);
        return t;
    });

    private final RunContext ctx;
    private final Consumer<ModelCall> callObserver;

    public AttemptExecutor(RunContext ctx) {
        this(ctx, call -> { });
    }

    /** @param callObserver also told of every model call, as it happens (the run's 429 watch) */
    public AttemptExecutor(RunContext ctx, Consumer<ModelCall> callObserver) {
        this.ctx = ctx;
        this.callObserver = callObserver;
    }

    public RawRow run(Replication rep, int attempt, Runner runner) throws InterruptedException {
        return run(rep, attempt, runner, new LiveAttempt(rep, attempt));
    }

    /** Runs the attempt; {@code live} learns its turn count as the agent works. */
    public RawRow run(Replication rep, int attempt, Runner runner, LiveAttempt live) throws InterruptedException {
        Task task = rep.task();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path attemptRoot = ctx.workRoot().resolve(task.id()).resolve(rep.lane().name()).resolve("r" + rep.number() + "-a" + attempt);
        Path transcriptFile = ctx.dir().transcript(rep, attempt);
        Row row = new Row(rep, attempt, started, task, ctx.sandbox(rep.lane()).name());
        try (AttemptRecorder log = new AttemptRecorder(transcriptFile, ctx.routes(), attemptKey(rep, attempt), ctx.redactor(),
                callObserver)) {
            live.countTurnsWith(log::turnsSoFar);
            Workspace workspace;
            try {
                workspace = Workspace.create(task.repoDir(), attemptRoot.resolve("workspace"));
            } catch (IOException e) {
                row.infra("workspace: " + e.getMessage(), seconds(t0));
                return finish(row, attemptRoot);
            }
            LaneSandbox laneSandbox = ctx.sandbox(rep.lane());
            SandboxMounts mounts = SandboxMounts.under(workspace.dir(), attemptRoot.resolve("agent"), attemptRoot.resolve("sandbox"));
            for (Path p : runner.sandboxPaths(ctx.env())) {
                mounts = mounts.withReadOnly(p);
            }
            try (SandboxSession sandbox = laneSandbox.sandbox().open(mounts, laneSandbox.limits())) {
                attempt(rep, runner, log, workspace, sandbox, attemptRoot, transcriptFile, row, t0, attempt);
            } catch (IOException e) {
                row.infra("sandbox: " + e.getMessage(), seconds(t0));
            }
        } catch (IOException e) {
            row.infra("harness I/O: " + e.getMessage(), seconds(t0));
        }
        return finish(row, attemptRoot);
    }

    /** Removes the attempt's folders (unless kept); a failure is the row's to tell, never the run's end. */
    private RawRow finish(Row row, Path attemptRoot) {
        if (!ctx.keepWorkspaces()) {
            try {
                Workspace.deleteTree(attemptRoot);
            } catch (RuntimeException e) {
                row.cleanupFailed(attemptRoot + ": " + e.getMessage());
            }
        }
        return row.build();
    }

    private void attempt(Replication rep, Runner runner, AttemptRecorder log, Workspace workspace, SandboxSession sandbox,
                         Path attemptRoot, Path transcriptFile, Row row, long t0, int attempt)
            throws InterruptedException, IOException {
        Task task = rep.task();
        Path scratch = Files.createDirectories(attemptRoot.resolve("scratch"));
        AgentTask agentTask = new AgentTask(task.id(), workspace.dir(), Files.readString(task.instructionFile()),
                Optional.of(task.solutionDir()), task.deadline(), task.budgets(), scratch, ctx.env(), log, sandbox);

        long a0 = System.nanoTime();
        AgentOutcome outcome = runAgent(runner, agentTask, log);
        // Nothing the agent started may run on while its work is measured and graded.
        sandbox.close();
        double agentS = seconds(a0);
        CallTotals totals = CallTotals.of(log.modelCalls());
        row.agent(outcome, totals, log, agentS);

        if (outcome.infraFailure() || (runner.modelDriven() && totals.okCalls() == 0)) {
            String why = outcome.error() != null ? outcome.error() : "no successful model call";
            row.infra(ctx.redactor().apply(why), seconds(t0));
            return;
        }

        String diff;
        try {
            diff = workspace.diff();
        } catch (IOException | RuntimeException e) {
            log.event(TranscriptEvent.error("diff: " + e.getMessage()));
            diff = null;
        }
        Path patchFile = ctx.dir().patch(rep, attempt);
        Files.createDirectories(patchFile.getParent());
        String patch = diff == null ? "" : ctx.redactor().apply(diff);
        Files.writeString(patchFile, patch, StandardCharsets.UTF_8);

        List<String> breaches = BudgetCheck.breaches(task.budgets(), log.toolCounts(), outcome.turns());
        Double process = task.budgets().isEmpty() ? null : Composite.process(breaches.size());
        row.budget(task.budgets().isEmpty() ? null : breaches.size(), process, breaches);

        boolean noChange = diff != null && diff.isEmpty();
        if (noChange && !task.allowNoChange()) {
            row.scored(row.components(0.0, agentS, ctx.scoring()), "no change", null, ctx.scoring(), seconds(t0), null);
            return;
        }
        if (!ContentHash.ofTask(task.dir()).equals(task.hash())) {
            row.verifyError("task changed during the run (its files no longer match hash " + task.hash() + ")", 0,
                    seconds(t0));
            return;
        }
        Path graded = attemptRoot.resolve("graded");
        List<String> leftOut = GradingCopy.make(workspace.dir(), graded);
        for (String l : leftOut) {
            log.event(TranscriptEvent.error("not given to the grader: " + l));
        }
        LaneSandbox laneSandbox = ctx.sandbox(rep.lane());
        VerifyOutcome verdict = Verifier.run(task, graded, transcriptFile, attemptRoot.resolve("verify"), ctx.env(),
                laneSandbox.sandbox(), laneSandbox.limits());
        if (verdict instanceof VerifyOutcome.Failed f) {
            row.verifyError(f.reason(), f.seconds(), seconds(t0));
            return;
        }
        VerifyOutcome.Graded g = (VerifyOutcome.Graded) verdict;
        Path checksFile = ctx.dir().checks(rep, attempt);
        Files.createDirectories(checksFile.getParent());
        Files.writeString(checksFile, ctx.redactor().apply(g.result()), StandardCharsets.UTF_8);
        Components base = row.components(g.score(), agentS, ctx.scoring());
        Judgement judged = judge(rep, attempt, patch, transcriptFile, base, row);
        row.scored(base, g.evidence(), g.seconds(), ctx.scoring(), seconds(t0), judged);
    }

    /** The judge panel's verdict on a graded attempt, when the run has a judge and the task a rubric. */
    private Judgement judge(Replication rep, int attempt, String patch, Path transcript, Components base, Row row)
            throws InterruptedException {
        RunJudge judge = ctx.judge();
        if (judge == null) {
            return null;
        }
        AttemptId id = new AttemptId(ctx.dir().runId(), rep.task().id(), rep.lane().name(), rep.number(), attempt);
        try {
            return judge.judge(rep.task(), id, RunJudge.blinding(rep.lane()), patch, transcript, base,
                    ctx.routes()::append);
        } catch (IOException e) {
            row.judgeFailed("judge: not judged (" + e.getMessage() + ")");
            return null;
        }
    }

    private AgentOutcome runAgent(Runner runner, AgentTask agentTask, AttemptRecorder log) throws InterruptedException {
        Future<AgentOutcome> future = AGENT_THREADS.submit(() -> runner.run(agentTask));
        try {
            return future.get(agentTask.deadline().plus(OVERRUN_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            log.event(TranscriptEvent.error("runner overran its deadline by more than " + OVERRUN_GRACE.toSeconds() + " s; abandoned"));
            return new AgentOutcome(true, null, null, "runner overran its deadline", false, Map.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String msg = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            log.event(TranscriptEvent.error("runner crashed: " + msg));
            return new AgentOutcome(false, null, null, "runner crashed: " + msg, false, Map.of());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private Map<String, Object> attemptKey(Replication rep, int attempt) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("run_id", ctx.dir().runId());
        key.put("task", rep.task().id());
        key.put("lane", rep.lane().name());
        key.put("replication", rep.number());
        key.put("attempt", attempt);
        return key;
    }

    private static double seconds(long startNanos) {
        return round((System.nanoTime() - startNanos) / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Accumulates the measured fields of one attempt's row. */
    private final class Row {
        private final Replication rep;
        private final int attempt;
        private final Instant started;
        private final Task task;
        private Boolean timedOut;
        private Double agentS;
        private Integer turns;
        private Integer toolCalls;
        private Integer violations;
        private Double process;
        private CallTotals totals = CallTotals.of(List.of());
        private Integer agentExit;
        private String agentError;
        private List<String> breaches = List.of();
        private final String sandbox;
        private String cleanupError;
        private String judgeError;
        private Double judgeCostUsd;
        private Supplier<RawRow> result;

        Row(Replication rep, int attempt, Instant started, Task task, String sandbox) {
            this.rep = rep;
            this.attempt = attempt;
            this.started = started;
            this.task = task;
            this.sandbox = sandbox;
        }

        void cleanupFailed(String why) {
            cleanupError = "cleanup: " + why;
        }

        void judgeFailed(String why) {
            judgeError = ctx.redactor().apply(why);
        }

        /** The row as it stands (an attempt that never got further is an infra_error). */
        RawRow build() {
            if (result == null) {
                infra("the attempt ended without a result", 0);
            }
            return result.get();
        }

        void agent(AgentOutcome o, CallTotals t, AttemptRecorder log, double seconds) {
            timedOut = o.timedOut();
            agentS = round(seconds);
            turns = o.turns();
            toolCalls = log.toolCallTotal();
            totals = t;
            agentExit = o.agentExit();
            agentError = o.error() == null ? null : ctx.redactor().apply(o.error());
        }

        void budget(Integer violations, Double process, List<String> breaches) {
            this.violations = violations;
            this.process = process;
            this.breaches = breaches;
        }

        void infra(String error, double wall) {
            result = () -> make(Status.INFRA_ERROR, null, null, null, null, wall, error);
        }

        void verifyError(String error, double verifyS, double wall) {
            result = () -> make(Status.VERIFY_ERROR, null, null, null, round(verifyS), wall, "verify: " + error);
        }

        /** The attempt's components before any judge: quality is not measured yet. */
        Components components(double correctness, double agentSeconds, ScoringConfig scoring) {
            Double costEff = Composite.costEff(totals.costUsd(), scoring.costBudgetUsd().get(task.tier()));
            double timeEff = Composite.timeEff(agentSeconds, task.deadline().toSeconds());
            return new Components(correctness, process, costEff, timeEff, null);
        }

        /** A scored row: {@code base} with the judge's quality (null: not judged), its cost and what it said. */
        void scored(Components base, String evidence, Double verifyS, ScoringConfig scoring, double wall,
                    Judgement judged) {
            Components c = judged == null ? base : new Components(base.correctness(), base.process(),
                    base.costEff(), base.timeEff(), judged.quality());
            Double composite = Composite.compute(c, scoring.weights());
            String error = agentError;
            if (!breaches.isEmpty()) {
                String b = "budget: " + String.join(", ", breaches);
                error = error == null ? b : error + "; " + b;
            }
            String judgeNote = judged != null ? judged.rowNote() : judgeError;
            if (judgeNote != null) {
                error = error == null ? judgeNote : error + "; " + judgeNote;
            }
            judgeCostUsd = judged == null ? null : judged.judgeCostUsd();
            String finalError = error;
            result = () -> make(Status.SCORED, composite, c, evidence, verifyS == null ? null : round(verifyS), wall,
                    finalError);
        }

        private RawRow make(Status status, Double composite, Components c, String evidence, Double verifyS,
                            double wall, String error) {
            boolean scoredRow = status == Status.SCORED;
            if (cleanupError != null) {
                error = error == null ? cleanupError : error + "; " + cleanupError;
            }
            return new RawRow(ctx.dir().runId(), task.id(), task.tier(), rep.lane().name(), rep.lane().runner(),
                    rep.lane().modelName(), rep.number(), attempt, status, composite,
                    c == null ? null : c.correctness(), scoredRow ? process : null,
                    c == null ? null : c.costEff(), c == null ? null : c.timeEff(), c == null ? null : c.quality(),
                    evidence, timedOut, wall, agentS, verifyS, turns, toolCalls, scoredRow ? violations : null,
                    totals.inputTokens(), totals.cachedTokens(), totals.outputTokens(), totals.reasoningTokens(),
                    totals.costUsd(), totals.servedModels(), totals.routeOk(), agentExit, error,
                    started.truncatedTo(ChronoUnit.MILLIS).toString(), task.hash(), ctx.harnessVersion(), sandbox,
                    scoredRow ? judgeCostUsd : null);
        }
    }
}
