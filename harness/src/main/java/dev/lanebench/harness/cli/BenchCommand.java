package dev.lanebench.harness.cli;

import dev.lanebench.harness.bench.OverheadBenchmark;
import dev.lanebench.harness.bench.ParallelBenchmark;
import dev.lanebench.harness.bench.Percentiles;
import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.runners.flat.tools.RunToolBenchmark;
import dev.lanebench.runners.sandbox.Sandbox;
import dev.lanebench.runners.sandbox.Sandboxes;
import dev.lanebench.scoring.bench.TableBenchmark;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanebench bench ...}: the benchmark commands that print the figures of DESIGN.md §11. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the performance bars (DESIGN.md §11) and print the figures.",
        subcommands = {BenchCommand.Overhead.class, BenchCommand.Table.class, BenchCommand.Parallel.class,
            BenchCommand.Proxy.class, BenchCommand.SandboxCall.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "overhead", mixinStandardHelpOptions = true,
            description = {"Harness overhead per attempt on the noop lane.",
                "Verify excluded (bar: median <= 50 ms)."})
    static final class Overhead implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Option(names = "--task", paramLabel = "ID", description = "Task to use (default: the catalogue's task with the smallest repo/).")
        String task;

        @Option(names = "--attempts", defaultValue = "200", description = "Measured attempts (default: ${DEFAULT-VALUE}).")
        int attempts;

        @Option(names = "--warmup", defaultValue = "30", description = "Unmeasured attempts first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--sandbox", paramLabel = "BACKEND", description = "Sandbox each attempt opens (default: bwrap where ready, else none).")
        String sandbox;

        @Override
        public Integer call() throws Exception {
            Catalogue cat = config.catalogue();
            Task t = task != null ? cat.task(task) : smallestTask(cat);
            Sandbox box = sandbox(sandbox);
            System.out.println("harness overhead per noop attempt on " + t.id() + " (" + repoBytes(t) / 1024 + " KiB repo), "
                    + "sandbox " + box.name() + ", " + warmup + " warm-up + " + attempts + " measured:");
            Percentiles p = OverheadBenchmark.run(t, config.scoring(), warmup, attempts, box);
            System.out.println("  " + p);
            System.out.println(p.p50() <= 50 ? "  bar met: median <= 50 ms" : "  BAR MISSED: median > 50 ms");
            return 0;
        }
    }

    @Command(name = "table", mixinStandardHelpOptions = true,
            description = {"Time `lanebench table` on a synthetic raw.csv.",
                "Bar: 1,000,000 rows in <= 3 s on 2 cores."})
    static final class Table implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the synthetic raw.csv (default: ${DEFAULT-VALUE}).")
        int rows;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lanebench-bench-table");
            try {
                TableBenchmark.Result r = TableBenchmark.run(dir, rows);
                System.out.println(r.summary());
            } finally {
                dev.lanebench.harness.workspace.Workspace.deleteTree(dir);
            }
            return 0;
        }
    }

    @Command(name = "parallel", mixinStandardHelpOptions = true,
            description = {"Speedup of --parallel P over --parallel 1.",
                "A flat lane against a fixed-latency local model (bar: --parallel 8",
                "reaches >= 85% of ideal)."})
    static final class Parallel implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Option(names = "--parallel", defaultValue = "8", description = "P (default: ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--replications", defaultValue = "32", description = "Replications per run (default: ${DEFAULT-VALUE}).")
        int replications;

        @Option(names = "--latency-ms", defaultValue = "1000", description = "The fake model's answer delay (default: ${DEFAULT-VALUE}).")
        long latencyMs;

        @Override
        public Integer call() throws Exception {
            Task t = smallestTask(config.catalogue());
            System.out.println("parallel speedup on " + t.id() + " (flat lane, local fake model) ...");
            ParallelBenchmark.Result r = ParallelBenchmark.run(t, config.scoring(), replications, parallel, latencyMs);
            System.out.println("  " + r.summary());
            System.out.println(r.efficiency() >= 0.85 ? "  bar met: >= 85% of ideal" : "  BAR MISSED: < 85% of ideal");
            return 0;
        }
    }

    @Command(name = "proxy", mixinStandardHelpOptions = true,
            description = {"Latency the built-in proxy adds, on both fronts.",
                "Direct vs proxied against a zero-latency upstream, upstream and client",
                "each in a process of their own: whole answers and time to first chunk",
                "(bar: added p50 <= 0.5 ms, p99 <= 3 ms)."})
    static final class Proxy implements Callable<Integer> {
        @Option(names = "--requests", defaultValue = "5000", description = "Measured requests per series and side (default: ${DEFAULT-VALUE}).")
        int requests;

        @Option(names = "--warmup", defaultValue = "3000", description = "Unmeasured requests first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Override
        public Integer call() throws Exception {
            dev.lanebench.runners.proxy.ProxyBenchmark.Result r = dev.lanebench.runners.proxy.ProxyBenchmark.run(requests, warmup);
            System.out.println(r.report());
            return 0;
        }
    }

    @Command(name = "sandbox", mixinStandardHelpOptions = true,
            description = {"Latency the sandbox adds to one flat run tool call.",
                "The same command unsandboxed and sandboxed, alternating (bar: p50 <= 15 ms added)."})
    static final class SandboxCall implements Callable<Integer> {
        @Option(names = "--calls", defaultValue = "300", description = "Measured calls per series (default: ${DEFAULT-VALUE}).")
        int calls;

        @Option(names = "--warmup", defaultValue = "20", description = "Unmeasured calls first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--command", defaultValue = "true", description = "The command (default: ${DEFAULT-VALUE}).")
        String command;

        @Option(names = "--sandbox", paramLabel = "BACKEND", defaultValue = "bwrap", description = "Backend to measure (default: ${DEFAULT-VALUE}).")
        String sandbox;

        @Override
        public Integer call() throws Exception {
            Sandbox box = sandbox(sandbox);
            if (!box.readiness().ready()) {
                throw new dev.lanebench.harness.config.ConfigException("--sandbox " + box.name() + ": " + box.readiness().reason());
            }
            System.out.println(RunToolBenchmark.run(box, command, warmup, calls).report());
            return 0;
        }
    }

    /** The named backend, or the best one ready here. */
    static Sandbox sandbox(String name) {
        if (name == null) {
            return Sandboxes.bestAvailable();
        }
        if (!Sandboxes.NAMES.contains(name)) {
            throw new dev.lanebench.harness.config.ConfigException("--sandbox: '" + name + "' is not one of " + Sandboxes.NAMES);
        }
        return Sandboxes.named(name);
    }

    /** The task with the least to copy: the benchmarks measure the harness, not a big repo. */
    static Task smallestTask(Catalogue cat) {
        return cat.tasks().stream().min(Comparator.comparingLong(BenchCommand::repoBytes))
                .orElseThrow(() -> new dev.lanebench.harness.config.ConfigException(cat.root() + ": the catalogue has no tasks"));
    }

    static long repoBytes(Task t) {
        try (var s = java.nio.file.Files.walk(t.repoDir())) {
            return s.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
