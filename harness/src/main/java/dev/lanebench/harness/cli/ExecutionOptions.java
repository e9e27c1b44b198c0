package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.judge.RunJudge;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.estimate.TokenEstimates;
import dev.lanebench.harness.preflight.Preflight;
import dev.lanebench.harness.run.RetryPolicy;
import dev.lanebench.harness.run.RunControls;
import dev.lanebench.harness.run.Shard;
import dev.lanebench.harness.run.RunRequest;
import dev.lanebench.harness.progress.ConsoleProgress;
import dev.lanebench.harness.run.ReportWriter;
import dev.lanebench.harness.run.RunListener;
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
            description = "Sandbox for every lane's agent processes: ${COMPLETION-CANDIDATES} (default: each "
                    + "lane's sandbox:, else bwrap; none runs them unsandboxed).")
    String sandbox;

    @Option(names = "--no-preflight", description = "Skip the pre-flight check of each model lane (key, route, output "
            + "budget, price, a known-answer task).")
    boolean noPreflight;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Start no new attempt once spent + in-flight "
            + "estimates reach USD; the rest is recorded as not run (--resume with a higher cap continues).")
    Double maxCost;

    @Option(names = "--estimate-from", paramLabel = "RUN", description = "Tokens per attempt measured in an earlier run "
            + "(its folder or raw.csv), for estimates (default: per-tier defaults of the catalogue).")
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

    boolean preflight() {
        return !noPreflight;
    }

    /** Tokens per attempt: from --estimate-from, else the catalogue's tier defaults. */
    TokenEstimates estimates() {
        return estimateFrom == null ? TokenEstimates.catalogue() : TokenEstimates.fromRun(estimateFrom);
    }

    /** Shard, run id, pre-flight and cost cap for a run over the lanes of lanes.yaml. */
    RunControls controls(ConfigOptions config, Shard shard, String runId, LaneSet all) {
        if (maxCost != null && !(maxCost > 0)) {
            throw new ConfigException("--max-cost: must be a positive number of US dollars, got " + maxCost);
        }
        List<Lane> lanes = new ArrayList<>(all.all());
        Preflight check = noPreflight ? null : new Preflight(Environment.get(), RunSession.redactor(lanes, Environment.get()),
                config.scoring(), sandbox(), System.err, Preflight.MICRO_TASK_DEADLINE);
        return new RunControls(shard, runId, check, maxCost, estimates(), null);
    }

    /** A fresh results folder: --out when given (a folder, or a path to become one, without a run), else results/<id>. */
    Path newRunDir() {
        return newRunDir(null);
    }

    /** As {@link #newRunDir()}, with results/NAME instead of a timestamped id when NAME is given. */
    Path newRunDir(String name) {
        Path dir = out != null ? out : dev.lanebench.harness.config.LanebenchHome.resolveDefault(Path.of("results"))
                .resolve(name != null ? name : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("--out: " + dir + " is a file, not a folder");
        }
        if (Files.exists(dir.resolve("raw.csv")) || Files.exists(dir.resolve("run.json"))) {
            throw new ConfigException("--out: " + dir + " already holds a run (finish it with --resume " + dir + ")");
        }
        return dir;
    }

    /**
     * The request a run would carry out, with everything checked that a run checks before it starts — the
     * options, scoring.yaml — so {@code --dry-run} refuses exactly what {@code run} refuses.
     */
    RunRequest request(ConfigOptions config, List<Task> tasks, RunCommand.LaneChoice lanes, Integer reps, Path runDir,
                       boolean resume, List<String> args, LaneSet all) {
        return request(config, tasks, lanes, reps, runDir, resume, args, all, null, null);
    }

    /** As above, as shard {@code shard} of the run with id {@code runId} (both null: the whole run, named by its folder). */
    RunRequest request(ConfigOptions config, List<Task> tasks, RunCommand.LaneChoice lanes, Integer reps, Path runDir,
                       boolean resume, List<String> args, LaneSet all, Shard shard, String runId) {
        config.scoring();
        RunJudge.forRun(config.scoring(), config.scoringFile(), all, Environment.get(), tasks, runDir); // checks the panel
        return new RunRequest(tasks, lanes.chosen(), reps, runDir, resume, parallel(), retry(), keepWorkspaces,
                args, new ArrayList<>(all.all()), sandbox(), lanes.skipped(), resumeCommand(config, runDir),
                controls(config, shard, runId, all));
    }

    /** Runs the request and returns the exit code. */
    int execute(ConfigOptions config, RunRequest req) throws IOException, InterruptedException {
        // The report is written before the console's last line names it.
        List<RunListener> listeners = List.of(new ReportWriter(System.err),
                ConsoleProgress.on(System.err, Terminal.stderrIsTerminal()));
        RunJudge judge = RunJudge.forRun(config.scoring(), config.scoringFile(), config.lanes(), Environment.get(),
                req.tasks(), req.runDir());
        return new RunSession(Environment.get(), config.scoring(), System.out, listeners, judge).run(req, config.inputs());
    }

    /** The command line that finishes this run with the same settings: what a stopped run tells its user. */
    private String resumeCommand(ConfigOptions config, Path runDir) {
        List<String> cmd = new ArrayList<>(config.given());
        cmd.add("run");
        if (parallel != 1) {
            cmd.addAll(List.of("--parallel", Integer.toString(parallel)));
        }
        if (retries != 2) {
            cmd.addAll(List.of("--retries", Integer.toString(retries)));
        }
        if (retryBackoff != 5) {
            cmd.addAll(List.of("--retry-backoff", stripZero(retryBackoff)));
        }
        if (sandbox != null) {
            cmd.addAll(List.of("--sandbox", sandbox));
        }
        if (keepWorkspaces) {
            cmd.add("--keep-workspaces");
        }
        if (noPreflight) {
            cmd.add("--no-preflight");
        }
        if (maxCost != null) {
            cmd.addAll(List.of("--max-cost", stripZero(maxCost)));
        }
        cmd.addAll(List.of("--resume", runDir.toString()));
        StringBuilder b = new StringBuilder(shellQuoted(dev.lanebench.harness.config.LanebenchHome.launcher()));
        cmd.forEach(a -> b.append(' ').append(shellQuoted(a)));
        return b.toString();
    }

    private static String stripZero(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static String shellQuoted(String arg) {
        return arg.matches("[A-Za-z0-9_./=:,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
