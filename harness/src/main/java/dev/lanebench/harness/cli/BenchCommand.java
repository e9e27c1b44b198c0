package dev.lanebench.harness.cli;

import dev.lanebench.harness.bench.OverheadBenchmark;
import dev.lanebench.harness.bench.Percentiles;
import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.Task;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanebench bench ...}: the benchmark commands that print the figures of DESIGN.md §11. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the performance bars of DESIGN.md §11 and print the figures.",
        subcommands = {BenchCommand.Overhead.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "overhead", mixinStandardHelpOptions = true,
            description = "Harness overhead per attempt on the noop lane, verify excluded (bar: median <= 50 ms).")
    static final class Overhead implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Option(names = "--task", paramLabel = "ID", description = "Task to use (default: the catalogue's task with the smallest repo/).")
        String task;

        @Option(names = "--attempts", defaultValue = "200", description = "Measured attempts (default: ${DEFAULT-VALUE}).")
        int attempts;

        @Option(names = "--warmup", defaultValue = "30", description = "Unmeasured attempts first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Override
        public Integer call() throws Exception {
            Catalogue cat = config.catalogue();
            Task t = task != null ? cat.task(task) : cat.tasks().stream().min(Comparator.comparingLong(BenchCommand::repoBytes)).orElseThrow();
            System.out.println("harness overhead per noop attempt on " + t.id() + " (" + repoBytes(t) / 1024 + " KiB repo), "
                    + warmup + " warm-up + " + attempts + " measured:");
            Percentiles p = OverheadBenchmark.run(t, config.scoring(), warmup, attempts);
            System.out.println("  " + p);
            System.out.println(p.p50() <= 50 ? "  bar met: median <= 50 ms" : "  BAR MISSED: median > 50 ms");
            return 0;
        }
    }

    static long repoBytes(Task t) {
        try (var s = java.nio.file.Files.walk(t.repoDir())) {
            return s.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
