package dev.lanebench.harness.run;

import dev.lanebench.harness.lanes.LaneEndpoints;
import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a plan's replications on a pool of workers: each replication is attempted until it is scored or
 * verify_error, or its infra retries are spent, and every finished attempt is appended to raw.csv
 * at once. Which attempt starts next is the {@link AttemptScheduler}'s call (rate limits, 429 pauses, cost caps).
 * Resuming skips what the journal already holds.
 */
public final class RunExecutor {
    private final RunContext ctx;
    private final RetryPolicy retry;
    private final int parallel;
    private final RunControls controls;
    private final Map<String, Runner> runners = new ConcurrentHashMap<>();
    private final EndpointCircuits circuits;
    private AttemptScheduler scheduler;

    public RunExecutor(RunContext ctx, RetryPolicy retry, int parallel) {
        this(ctx, retry, parallel, RunControls.DEFAULT);
    }

    public RunExecutor(RunContext ctx, RetryPolicy retry, int parallel, RunControls controls) {
        this.ctx = ctx;
        this.retry = retry;
        this.parallel = parallel;
        this.controls = controls;
        this.circuits = new EndpointCircuits(controls.circuits());
    }

    /** Runs what is left of the plan and returns every row of the run, old and new. */
    public List<RawRow> execute(List<Replication> plan, RunJournal journal, Progress progress) throws InterruptedException {
        Map<Replication, Integer> todo = new LinkedHashMap<>();
        for (Replication r : plan) {
            if (!journal.isFinal(r, retry.retries())) {
                todo.put(r, journal.nextAttempt(r));
            }
        }
        Map<String, Double> spent = new HashMap<>();
        for (RawRow r : journal.rows()) {
            if (r.costUsd() != null) {
                spent.merge(r.lane(), r.costUsd(), Double::sum);
            }
        }
        scheduler = new AttemptScheduler(todo, circuits, controls.maxCostUsd(), controls.estimator(), spent);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "lanebench-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try (RawCsvWriter writer = RawCsvWriter.open(ctx.dir().rawCsv())) {
            for (int i = 0; i < Math.max(1, parallel); i++) {
                futures.add(pool.submit(() -> {
                    work(journal, writer, progress);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
        return journal.rows();
    }

    /** The replications a cost cap kept from starting (after {@link #execute}). */
    public List<NotRun> notRun() {
        return scheduler == null ? List.of() : scheduler.notRun();
    }

    /** What the run's rows cost in all, the ones it resumed from included (after {@link #execute}). */
    public double spentUsd() {
        return scheduler == null ? 0 : scheduler.spentUsd();
    }

    /** The pauses of endpoints that kept answering 429. */
    public List<EndpointCircuits.Pause> endpointPauses() {
        return circuits.pauses();
    }

    /** One worker: takes the attempt the scheduler gives it, records its row, until nothing is left. */
    private void work(RunJournal journal, RawCsvWriter writer, Progress progress) throws InterruptedException, IOException {
        int lastAttempt = 1 + retry.retries();
        while (true) {
            AttemptScheduler.Ticket t = scheduler.take();
            if (t == null) {
                return;
            }
            Replication rep = t.rep();
            RawRow row;
            try {
                Runner runner = runners.computeIfAbsent(rep.lane().name(), n -> RunnerFactory.create(rep.lane()));
                AttemptExecutor attempts = new AttemptExecutor(ctx,
                        call -> circuits.observe(LaneEndpoints.forRole(rep.lane(), call.role()), call));
                row = attempts.run(rep, t.attempt(), runner);
                writer.append(row);
                journal.record(row);
            } catch (InterruptedException | IOException | RuntimeException e) {
                scheduler.abandon(t);
                throw e;
            }
            boolean retrying = row.status() == Status.INFRA_ERROR && t.attempt() < lastAttempt;
            Duration wait = retrying ? retry.backoffBefore(t.attempt() + 1) : null;
            progress.attemptFinished(row, !retrying, wait);
            scheduler.finished(t, row, wait);
        }
    }
}
