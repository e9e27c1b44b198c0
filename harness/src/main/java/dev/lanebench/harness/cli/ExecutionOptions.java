package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.estimate.TokenEstimates;
import dev.lanebench.harness.preflight.Preflight;
import dev.lanebench.harness.run.RetryPolicy;
import dev.lanebench.harness.run.RunControls;
import dev.lanebench.harness.run.Shard;
import dev.lanebench.harness.run.RunRequest;
import dev.lanebench.harness.run.RunSession;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.sandbox.Sandboxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Option;

/** How a run executes, shared by {@code run} and {@code cell}: parallelism, retries, output folder, workspaces. */
final class ExecutionOptions {
    @Option(names = "--parallel", paramLabel = "P", defaultValue = "1", description = "Attempts at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--retries", paramLabel = "K", defaultValue = "2",
            description = "Further attempts after an infra_error, with backoff (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--retry-backoff", paramLabel = "SECONDS", defaultValue = "5",
            description = "Wait before the first retry; doubles each time (default: ${DEFAULT-VALUE}).")
    double retryBackoff;

    @Option(names = "--out", paramLabel = "DIR", description = "The run's results folder (default: results/<run-id>).")
    Path out;

    @Option(names = "--keep-workspaces", description = "Leave each attempt's workspace on disk for inspection.")
    boolean keepWorkspaces;

    @Option(names = "--sandbox", paramLabel = "BACKEND", completionCandidates = SandboxNames.class,
            description = {"Sandbox for every lane's agent processes: ${COMPLETION-CANDIDATES}",
                "(default: each lane's sandbox:, else bwrap). none runs them unsandboxed."})
    String sandbox;

    @Option(names = "--no-preflight", description = {"Skip the pre-flight check of each model lane",
        "(key, route, output budget, price, a known-answer task)."})
    boolean noPreflight;

    @Option(names = "--max-cost", paramLabel = "USD", description = {"Start no new attempt once spent + in-flight estimates",
        "reach USD; the rest is recorded as not run (--resume with a",
        "higher cap continues)."})
    Double maxCost;

    @Option(names = "--estimate-from", paramLabel = "RUN", description = {"Tokens per attempt measured in an earlier run",
        "(its folder or raw.csv), for estimates (default: per-tier",
        "defaults of the catalogue)."})
    Path estimateFrom;

    /** The backends, for --sandbox's help and completion. */
    static final class SandboxNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Sandboxes.NAMES.iterator();
        }
    }

    String sandbox() {
        if (sandbox != null && !Sandboxes.NAMES.contains(sandbox)) {
            throw new ConfigException("--sandbox: '" + sandbox + "' is not one of " + String.join(", ", Sandboxes.NAMES));
        }
        return sandbox;
    }

    RetryPolicy retry() {
        if (retries < 0) {
            throw new ConfigException("--retries: must be 0 or more, got " + retries);
        }
        if (retryBackoff < 0) {
            throw new ConfigException("--retry-backoff: must be 0 or more, got " + retryBackoff);
        }
        return new RetryPolicy(retries, Duration.ofMillis(Math.round(retryBackoff * 1000)));
    }

    int parallel() {
        if (parallel < 1) {
            throw new ConfigException("--parallel: must be at least 1, got " + parallel);
        }
        return parallel;
    }

    /** A fresh results folder: --out when given (it must not hold a run already), else results/<timestamp-id>. */
    Path newRunDir() throws IOException {
        return newRunDir(null);
    }

    /**
     * A fresh results folder: --out when given (it must not hold a run already), else results/NAME, or
     * results/<timestamp-id> when NAME is null.
     */
    Path newRunDir(String name) throws IOException {
        Path dir = out != null ? out : Path.of("results", name != null ? name
                : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        if (Files.exists(dir.resolve("raw.csv")) || Files.exists(dir.resolve("run.json"))) {
            throw new ConfigException("--out: " + dir + " already holds a run (finish it with --resume " + dir + ")");
        }
        return dir;
    }

    boolean preflight() {
        return !noPreflight;
    }

    /** Tokens per attempt: from --estimate-from, else the catalogue's tier defaults. */
    TokenEstimates estimates() {
        return estimateFrom == null ? TokenEstimates.catalogue() : TokenEstimates.fromRun(estimateFrom);
    }

    /** Shard, run id, pre-flight and cost cap for a run over these lanes. */
    RunControls controls(ConfigOptions config, Shard shard, String runId, LaneSet all) {
        if (maxCost != null && !(maxCost > 0)) {
            throw new ConfigException("--max-cost: must be a positive number of US dollars, got " + maxCost);
        }
        List<Lane> lanes = new ArrayList<>(all.all());
        Preflight check = noPreflight ? null : new Preflight(Environment.get(), RunSession.redactor(lanes, Environment.get()),
                config.scoring(), sandbox(), System.out, Preflight.MICRO_TASK_DEADLINE);
        return new RunControls(shard, runId, check, maxCost, estimates(), null);
    }

    /** Runs the request and returns the exit code. */
    int execute(ConfigOptions config, List<Task> tasks, List<Lane> lanes, Integer reps, Path runDir, boolean resume,
                List<String> args, LaneSet all) throws IOException, InterruptedException {
        return execute(config, tasks, lanes, reps, runDir, resume, args, all, null, null);
    }

    /** Runs the request, as the given shard of the run with the given id (both null: the whole run), and returns the exit code. */
    int execute(ConfigOptions config, List<Task> tasks, List<Lane> lanes, Integer reps, Path runDir, boolean resume,
                List<String> args, LaneSet all, Shard shard, String runId) throws IOException, InterruptedException {
        RunRequest req = new RunRequest(tasks, lanes, reps, runDir, resume, parallel(), retry(), keepWorkspaces,
                args, new ArrayList<>(all.all()), sandbox(), controls(config, shard, runId, all));
        boolean terminal = System.console() != null;
        return new RunSession(Environment.get(), config.scoring(), System.out, terminal).run(req, config.inputs());
    }
}
