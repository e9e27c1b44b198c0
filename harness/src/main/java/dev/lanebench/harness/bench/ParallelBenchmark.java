package dev.lanebench.harness.bench;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.run.HarnessVersion;
import dev.lanebench.harness.run.RunListener;
import dev.lanebench.harness.run.Replication;
import dev.lanebench.harness.run.RetryPolicy;
import dev.lanebench.harness.run.JsonLinesFile;
import dev.lanebench.harness.run.RunContext;
import dev.lanebench.harness.run.RunDirectory;
import dev.lanebench.harness.run.RunExecutor;
import dev.lanebench.harness.run.RunJournal;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.secrets.Redactor;
import dev.lanebench.scoring.composite.ScoringConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parallel-speedup bar (README, "Benchmarks"): the same replications of a flat lane against a fixed-latency local
 * model, run with --parallel 1 and --parallel P; speedup = T1 / TP, against the ideal P.
 */
public final class ParallelBenchmark {
    private ParallelBenchmark() {
    }

    /** Wall seconds of both runs, the speedup and its share of the ideal. */
    public record Result(int replications, int parallel, long latencyMs, double serialSeconds, double parallelSeconds) {
        public double speedup() {
            return serialSeconds / parallelSeconds;
        }

        public double efficiency() {
            return speedup() / Math.min(parallel, replications);
        }

        public String summary() {
            return String.format(Locale.ROOT,
                    "%d replications, model latency %d ms: --parallel 1 %.2f s, --parallel %d %.2f s → speedup %.2f× = %.0f%% of ideal",
                    replications, latencyMs, serialSeconds, parallel, parallelSeconds, speedup(), 100 * efficiency());
        }
    }

    public static Result run(Task task, ScoringConfig scoring, int replications, int parallel, long latencyMs)
            throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("lanebench-bench-parallel");
        try (FixedLatencyModel model = new FixedLatencyModel(latencyMs)) {
            EndpointSpec endpoint = new EndpointSpec(model.baseUrl(), null, Map.of(), Map.of());
            ModelSpec spec = new ModelSpec("bench", FixedLatencyModel.MODEL, null, null);
            Lane lane = new Lane("bench-flat", new LaneSpec("flat", "bench", null, 5, 512, null, null), spec, "bench",
                    endpoint, spec, endpoint);
            double serial = timed(root.resolve("p1"), task, lane, scoring, replications, 1);
            double par = timed(root.resolve("p" + parallel), task, lane, scoring, replications, parallel);
            return new Result(replications, parallel, latencyMs, serial, par);
        } finally {
            Workspace.deleteTree(root);
        }
    }

    private static double timed(Path dir, Task task, Lane lane, ScoringConfig scoring, int replications, int parallel)
            throws IOException, InterruptedException {
        RunDirectory run = new RunDirectory(dir);
        Files.createDirectories(dir);
        List<Replication> plan = new ArrayList<>();
        for (int k = 1; k <= replications; k++) {
            plan.add(new Replication(task, lane, k));
        }
        Redactor none = Redactor.NONE;
        try (JsonLinesFile routes = JsonLinesFile.appendTo(run.routes(), none)) {
            RunContext ctx = new RunContext(run, Files.createDirectories(dir.resolve("work")), routes, none, System.getenv(),
                    scoring, false, HarnessVersion.get(), Map.of());
            long t0 = System.nanoTime();
            new RunExecutor(ctx, new RetryPolicy(0, Duration.ZERO), parallel)
                    .execute(plan, new RunJournal(List.of()), new RunListener() { });
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
