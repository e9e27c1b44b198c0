package dev.lanebench.harness.run;

import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
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
 * appended to raw.csv at once. Resuming skips what the journal already holds. {@link #stop()} ends the run
 * early: attempts in flight are interrupted (their sandboxes and graders die with them) and write no row.
 */
public final class RunExecutor {
    /** How long a stopped run waits for interrupted attempts to wind down before it reports what it has. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final RunContext ctx;
    private final RetryPolicy retry;
    private final int parallel;
    private final Map<String, Runner> runners = new ConcurrentHashMap<>();
    private volatile ExecutorService pool;
    private volatile boolean stopped;

    public RunExecutor(RunContext ctx, RetryPolicy retry, int parallel) {
        this.ctx = ctx;
        this.retry = retry;
        this.parallel = parallel;
    }

    /** Runs what is left of the plan and returns every row of the run, old and new. */
    public List<RawRow> execute(List<Replication> plan, RunJournal journal, RunListener listener) throws InterruptedException {
        List<Replication> todo = plan.stream().filter(r -> !journal.isFinal(r, retry.retries())).toList();
        pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "lanebench-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try (RawCsvWriter writer = RawCsvWriter.open(ctx.dir().rawCsv())) {
            for (Replication rep : todo) {
                futures.add(pool.submit(() -> {
                    replicate(rep, journal, writer, listener);
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

    private void replicate(Replication rep, RunJournal journal, RawCsvWriter writer, RunListener listener)
            throws InterruptedException, IOException {
        Runner runner = runners.computeIfAbsent(rep.lane().name(), n -> RunnerFactory.create(rep.lane()));
        AttemptExecutor attempts = new AttemptExecutor(ctx);
        int attempt = journal.nextAttempt(rep);
        int lastAttempt = 1 + retry.retries();
        while (attempt <= lastAttempt) {
            if (attempt > 1) {
                Thread.sleep(retry.backoffBefore(attempt).toMillis());
            }
            LiveAttempt live = new LiveAttempt(rep, attempt);
            listener.attemptStarted(live);
            RawRow row = attempts.run(rep, attempt, runner, live);
            if (stopped) {
                return; // interrupted work may look like a failure; it is not a result
            }
            writer.append(row);
            journal.record(row);
            boolean retrying = row.status() == Status.INFRA_ERROR && attempt < lastAttempt;
            Duration wait = retrying ? retry.backoffBefore(attempt + 1) : null;
            listener.attemptFinished(new AttemptFinished(live, row, !retrying, wait));
            if (!retrying) {
                return;
            }
            attempt++;
        }
    }
}
