package dev.lanebench.harness.run;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.sandbox.Workspace;
import dev.lanebench.harness.verify.Verifier;
import dev.lanebench.harness.verify.VerifyOutcome;
import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
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

/**
 * Runs one attempt end to end — fresh workspace, agent, patch, verify — and turns it into its raw.csv row,
 * applying the statuses and fairness rules of DESIGN.md §8.
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

    public AttemptExecutor(RunContext ctx) {
        this.ctx = ctx;
    }

    public RawRow run(Replication rep, int attempt, Runner runner) throws InterruptedException {
        Task task = rep.task();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path attemptRoot = ctx.workRoot().resolve(task.id()).resolve(rep.lane().name()).resolve("r" + rep.number() + "-a" + attempt);
        Path transcriptFile = ctx.dir().transcript(rep, attempt);
        Row row = new Row(rep, attempt, started, task);
        Workspace.deleteTree(attemptRoot);
        try (AttemptRecorder log = new AttemptRecorder(transcriptFile, ctx.routes(), attemptKey(rep, attempt), ctx.redactor())) {
            Workspace workspace;
            try {
                workspace = Workspace.create(task.repoDir(), attemptRoot.resolve("workspace"));
            } catch (IOException e) {
                return row.infra("workspace: " + e.getMessage(), seconds(t0));
            }
            try {
                return attempt(rep, runner, log, workspace, attemptRoot, transcriptFile, row, t0, attempt);
            } finally {
                if (!ctx.keepWorkspaces()) {
                    Workspace.deleteTree(attemptRoot);
                }
            }
        } catch (IOException e) {
            return row.infra("harness I/O: " + e.getMessage(), seconds(t0));
        }
    }

    private RawRow attempt(Replication rep, Runner runner, AttemptRecorder log, Workspace workspace, Path attemptRoot,
                           Path transcriptFile, Row row, long t0, int attempt) throws InterruptedException, IOException {
        Task task = rep.task();
        Path scratch = attemptRoot.resolve("scratch");
        Files.createDirectories(scratch);
        AgentTask agentTask = new AgentTask(task.id(), workspace.dir(), Files.readString(task.instructionFile()),
                Optional.of(task.solutionDir()), task.deadline(), task.budgets(), scratch, ctx.env(), log);

        long a0 = System.nanoTime();
        AgentOutcome outcome = runAgent(runner, agentTask, log);
        double agentS = seconds(a0);
        CallTotals totals = CallTotals.of(log.modelCalls());
        row.agent(outcome, totals, log, agentS);

        if (outcome.infraFailure() || (runner.modelDriven() && totals.okCalls() == 0)) {
            String why = outcome.error() != null ? outcome.error() : "no successful model call";
            return row.infra(ctx.redactor().apply(why), seconds(t0));
        }

        String diff;
        try {
            diff = workspace.diff();
        } catch (IOException e) {
            log.event(TranscriptEvent.error(e.getMessage()));
            diff = null;
        }
        Path patchFile = ctx.dir().patch(rep, attempt);
        Files.createDirectories(patchFile.getParent());
        Files.writeString(patchFile, diff == null ? "" : ctx.redactor().apply(diff), StandardCharsets.UTF_8);

        List<String> breaches = BudgetCheck.breaches(task.budgets(), log.toolCounts(), outcome.turns());
        Double process = task.budgets().isEmpty() ? null : Composite.process(breaches.size());
        row.budget(task.budgets().isEmpty() ? null : breaches.size(), process, breaches);

        boolean noChange = diff != null && diff.isEmpty();
        if (noChange && !task.allowNoChange()) {
            return row.scored(0.0, "no change", null, agentS, ctx.scoring(), seconds(t0));
        }
        VerifyOutcome verdict = Verifier.run(task, workspace.dir(), transcriptFile, attemptRoot.resolve("verify"), ctx.env());
        if (verdict instanceof VerifyOutcome.Failed f) {
            return row.verifyError(f.reason(), f.seconds(), seconds(t0));
        }
        VerifyOutcome.Graded g = (VerifyOutcome.Graded) verdict;
        return row.scored(g.score(), g.evidence(), g.seconds(), agentS, ctx.scoring(), seconds(t0));
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

        Row(Replication rep, int attempt, Instant started, Task task) {
            this.rep = rep;
            this.attempt = attempt;
            this.started = started;
            this.task = task;
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

        RawRow infra(String error, double wall) {
            return build(Status.INFRA_ERROR, null, null, null, null, wall, error);
        }

        RawRow verifyError(String error, double verifyS, double wall) {
            return build(Status.VERIFY_ERROR, null, null, null, round(verifyS), wall, "verify: " + error);
        }

        RawRow scored(double correctness, String evidence, Double verifyS, double agentSeconds, ScoringConfig scoring, double wall) {
            Double costEff = Composite.costEff(totals.costUsd(), scoring.costBudgetUsd().get(task.tier()));
            double timeEff = Composite.timeEff(agentSeconds, task.deadline().toSeconds());
            Components c = new Components(correctness, process, costEff, timeEff, null);
            Double composite = Composite.compute(c, scoring.weights());
            String error = agentError;
            if (!breaches.isEmpty()) {
                String b = "budget: " + String.join(", ", breaches);
                error = error == null ? b : error + "; " + b;
            }
            return build(Status.SCORED, composite, c, evidence, verifyS == null ? null : round(verifyS), wall, error);
        }

        private RawRow build(Status status, Double composite, Components c, String evidence, Double verifyS,
                             double wall, String error) {
            boolean scoredRow = status == Status.SCORED;
            return new RawRow(ctx.dir().runId(), task.id(), task.tier(), rep.lane().name(), rep.lane().runner(),
                    rep.lane().modelName(), rep.number(), attempt, status, composite,
                    c == null ? null : c.correctness(), scoredRow ? process : null,
                    c == null ? null : c.costEff(), c == null ? null : c.timeEff(), c == null ? null : c.quality(),
                    evidence, timedOut, wall, agentS, verifyS, turns, toolCalls, scoredRow ? violations : null,
                    totals.inputTokens(), totals.cachedTokens(), totals.outputTokens(), totals.reasoningTokens(),
                    totals.costUsd(), totals.servedModels(), totals.routeOk(), agentExit, error,
                    started.truncatedTo(ChronoUnit.MILLIS).toString(), task.hash(), ctx.harnessVersion(), null, null);
        }
    }
}
