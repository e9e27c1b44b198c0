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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a plan's replications on a pool of workers: each replication is attempted until it is scored or
 * verify_error, or its infra retries are spent (DESIGN.md §8), and every finished attempt is appended to raw.csv
 * at once. Resuming skips what the journal already holds.
 */
public final class RunExecutor {
    private final RunContext ctx;
    private final RetryPolicy retry;
    private final int parallel;
    private final Map<String, Runner> runners = new ConcurrentHashMap<>();

    public RunExecutor(RunContext ctx, RetryPolicy retry, int parallel) {
        this.ctx = ctx;
        this.retry = retry;
        this.parallel = parallel;
    }

    /** Runs what is left of the plan and returns every row of the run, old and new. */
    public List<RawRow> execute(List<Replication> plan, RunJournal journal, Progress progress) throws InterruptedException {
        List<Replication> todo = plan.stream().filter(r -> !journal.isFinal(r, retry.retries())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "lanebench-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try (RawCsvWriter writer = RawCsvWriter.open(ctx.dir().rawCsv())) {
            for (Replication rep : todo) {
                futures.add(pool.submit(() -> {
                    replicate(rep, journal, writer, progress);
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

    private void replicate(Replication rep, RunJournal journal, RawCsvWriter writer, Progress progress)
            throws InterruptedException, IOException {
        Runner runner = runners.computeIfAbsent(rep.lane().name(), n -> RunnerFactory.create(rep.lane()));
        AttemptExecutor attempts = new AttemptExecutor(ctx);
        int attempt = journal.nextAttempt(rep);
        int lastAttempt = 1 + retry.retries();
        while (attempt <= lastAttempt) {
            if (attempt > 1) {
                Thread.sleep(retry.backoffBefore(attempt).toMillis());
            }
            RawRow row = attempts.run(rep, attempt, runner);
            writer.append(row);
            journal.record(row);
            boolean retrying = row.status() == Status.INFRA_ERROR && attempt < lastAttempt;
            Duration wait = retrying ? retry.backoffBefore(attempt + 1) : null;
            progress.attemptFinished(row, !retrying, wait);
            if (!retrying) {
                return;
            }
            attempt++;
        }
    }
}
