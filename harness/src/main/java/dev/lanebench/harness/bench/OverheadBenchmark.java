package dev.lanebench.harness.bench;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.run.AttemptExecutor;
import dev.lanebench.harness.run.HarnessVersion;
import dev.lanebench.harness.run.Replication;
import dev.lanebench.harness.run.JsonLinesFile;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.harness.run.RunContext;
import dev.lanebench.harness.run.RunDirectory;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.sandbox.Sandbox;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.secrets.Redactor;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Measures the harness's own cost per attempt on the noop lane (README, "Benchmarks": median ≤ 50 ms): workspace copy and
 * baseline commit, agent dispatch, diff, patch and transcript files, row and fsynced raw.csv append, cleanup.
 * The noop lane changes nothing, so no verify runs and none is counted.
 */
public final class OverheadBenchmark {
    private OverheadBenchmark() {
    }

    /** @param sandbox the backend every attempt opens its sandbox with, as a run would */
    public static Percentiles run(Task task, ScoringConfig scoring, int warmup, int attempts, Sandbox sandbox)
            throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("lanebench-bench-overhead");
        try {
            RunDirectory dir = new RunDirectory(root.resolve("run"));
            Files.createDirectories(dir.root());
            Lane noop = new Lane("noop", new LaneSpec("noop", null, null, null, null, null, null), null, null, null, null, null);
            Runner runner = RunnerFactory.create(noop);
            double[] ms = new double[attempts];
            try (JsonLinesFile routes = JsonLinesFile.appendTo(dir.routes(), Redactor.NONE);
                 RawCsvWriter writer = RawCsvWriter.open(dir.rawCsv())) {
                RunContext ctx = new RunContext(dir, Files.createDirectories(root.resolve("work")), routes, Redactor.NONE,
                        Map.of(), scoring, false, HarnessVersion.get(),
                        Map.of(noop.name(), new LaneSandbox(sandbox, SandboxLimits.DEFAULTS, true)));
                AttemptExecutor exec = new AttemptExecutor(ctx);
                for (int i = 0; i < warmup + attempts; i++) {
                    Replication rep = new Replication(task, noop, i + 1);
                    long t0 = System.nanoTime();
                    RawRow row = exec.run(rep, 1, runner);
                    writer.append(row);
                    double elapsed = (System.nanoTime() - t0) / 1e6;
                    if (i >= warmup) {
                        ms[i - warmup] = elapsed;
                    }
                }
            }
            return Percentiles.of(ms);
        } finally {
            Workspace.deleteTree(root);
        }
    }
}
