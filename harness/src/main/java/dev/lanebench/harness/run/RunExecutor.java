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
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a plan's replications on a pool of workers: each replication is attempted until it is scored or
 * verify_error, or its infra retries are spent (docs/reference.md, "Statuses"), and every finished attempt is
 * appended to raw.csv at once. Which attempt a free worker starts next is the {@link AttemptScheduler}'s call
 * (rate limits, 429 pauses, cost caps). Resuming skips what the journal already holds. {@link #stop()} ends the
 * run early: attempts in flight are interrupted (their sandboxes and graders die with them) and write no row.
 */
public final class RunExecutor {
    /** How long a stopped run waits for interrupted attempts to wind down before it reports what it has. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final RunContext ctx;
    private final RetryPolicy retry;
    private final int parallel;
    private final RunControls controls;
    private final Map<String, Runner> runners = new ConcurrentHashMap<>();
    private final EndpointCircuits circuits;
    private volatile AttemptScheduler scheduler;
    private volatile ExecutorService pool;
    private volatile boolean stopped;

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
    public List<RawRow> execute(List<Replication> plan, RunJournal journal, RunListener listener) throws InterruptedException {
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
        pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "lanebench-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try (RawCsvWriter writer = RawCsvWriter.open(ctx.dir().rawCsv())) {
            for (int i = 0; i < Math.max(1, parallel); i++) {
                futures.add(pool.submit(() -> {
                    work(journal, writer, listener);
                    return null;
                }));
            }
            if (stopped) {
                stop();
            }
            long graceEnd = 0;
            for (Future<?> f : futures) {
                try {
                    if (!stopped) {
                        f.get();
                        continue;
                    }
                    graceEnd = graceEnd == 0 ? System.nanoTime() + STOP_GRACE.toNanos() : graceEnd;
                    f.get(Math.max(0, graceEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (stopped) {
                        continue; // an attempt cut short by the stop writes no row; --resume reruns it
                    }
                    throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
                } catch (CancellationException | TimeoutException e) {
                    // never started, or still winding down: either way not a row of this run
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
        }
        return journal.rows();
    }

    /** Starts no further attempt and interrupts those in flight; {@link #execute} then returns what finished. */
    public void stop() {
        stopped = true;
        AttemptScheduler s = scheduler;
        if (s != null) {
            s.stop();
        }
        ExecutorService p = pool;
        if (p != null) {
            for (Runnable queued : p.shutdownNow()) {
                if (queued instanceof Future<?> f) {
                    f.cancel(false);
                }
            }
        }
    }

    public boolean stopped() {
        return stopped;
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
    private void work(RunJournal journal, RawCsvWriter writer, RunListener listener) throws InterruptedException, IOException {
        int lastAttempt = 1 + retry.retries();
        while (true) {
            AttemptScheduler.Ticket t = scheduler.take();
            if (t == null) {
                return;
            }
            Replication rep = t.rep();
            LiveAttempt live = new LiveAttempt(rep, t.attempt());
            RawRow row;
            try {
                listener.attemptStarted(live);
                Runner runner = runners.computeIfAbsent(rep.lane().name(), n -> RunnerFactory.create(rep.lane()));
                AttemptExecutor attempts = new AttemptExecutor(ctx,
                        call -> circuits.observe(LaneEndpoints.forRole(rep.lane(), call.role()), call));
                row = attempts.run(rep, t.attempt(), runner, live);
                if (stopped) {
                    scheduler.abandon(t);
                    return; // interrupted work may look like a failure; it is not a result
                }
                writer.append(row);
                journal.record(row);
            } catch (InterruptedException | IOException | RuntimeException e) {
                scheduler.abandon(t);
                throw e;
            }
            boolean retrying = row.status() == Status.INFRA_ERROR && t.attempt() < lastAttempt;
            Duration wait = retrying ? retry.backoffBefore(t.attempt() + 1) : null;
            listener.attemptFinished(new AttemptFinished(live, row, !retrying, wait));
            scheduler.finished(t, row, wait);
        }
    }
}
