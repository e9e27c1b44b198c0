package dev.lanebench.harness.cli;

import dev.lanebench.harness.bench.OverheadBenchmark;
import dev.lanebench.harness.bench.ParallelBenchmark;
import dev.lanebench.harness.bench.Percentiles;
import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.scoring.bench.DuckDbReference;
import dev.lanebench.scoring.bench.SyntheticRawCsv;
import dev.lanebench.runners.flat.tools.RunToolBenchmark;
import dev.lanebench.runners.sandbox.Sandbox;
import dev.lanebench.runners.sandbox.Sandboxes;
import dev.lanebench.scoring.bench.TableBenchmark;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanebench bench ...}: the benchmark commands that print the figures of the performance bars. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the performance bars and print the figures.",
        subcommands = {BenchCommand.Overhead.class, BenchCommand.Table.class, BenchCommand.Report.class,
            BenchCommand.Parallel.class, BenchCommand.Proxy.class, BenchCommand.SandboxCall.class, BenchCommand.Startup.class})
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
            description = {"Time `lanebench table --format csv` on a realistic synthetic raw.csv.",
                "15 tasks x 14 lanes, ~6%% infra and ~3%% verify errors, ~38%% quoted evidence,",
                "timed in fresh JVMs as the launcher starts them (bar: 1,000,000 rows in",
                "<= 1.5 s on 2 cores). Where DuckDB's JDBC jar is found, DuckDB does the same",
                "work on the same file in turn, the ratio is printed (goal <= 1.0x) and every",
                "cell is checked to agree to 4 decimals."})
    static final class Table implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the synthetic raw.csv (default: ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--repeats", defaultValue = "3", description = "Measured runs of each (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--duckdb-jar", paramLabel = "JAR",
                description = "DuckDB's JDBC jar (default: the newest org.duckdb:duckdb_jdbc in the local Maven repository, "
                        + "where the project's tests put it).")
        Path duckdbJar;

        @Option(names = "--keep", paramLabel = "DIR", description = "Write the raw.csv here and keep it (default: a temporary folder).")
        Path keep;

        @Override
        public Integer call() throws Exception {
            Path dir = keep != null ? keep : Files.createTempDirectory("lanebench-bench-table");
            Files.createDirectories(dir);
            List<String> table = asTheLauncherStarts("table", "--format", "csv");
            Path jar = duckdbJar != null ? duckdbJar : newestDuckDbJar();
            if (jar != null && !Files.isRegularFile(jar)) {
                throw new dev.lanebench.harness.config.ConfigException("--duckdb-jar: " + jar + ": no such file");
            }
            List<String> duckdb = jar == null ? null : List.of(javaBin(), "-cp",
                    jar + File.pathSeparator + System.getProperty("java.class.path"), DuckDbReference.class.getName());
            try {
                TableBenchmark.Result r = TableBenchmark.run(dir.resolve("raw.csv"), rows, table, duckdb, repeats);
                System.out.print(r.summary());
            } finally {
                if (keep == null) {
                    dev.lanebench.harness.workspace.Workspace.deleteTree(dir);
                }
            }
            return 0;
        }

        /** The newest duckdb_jdbc jar in the local Maven repository, or null. */
        static Path newestDuckDbJar() throws IOException {
            Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository",
                    "org", "duckdb", "duckdb_jdbc");
            if (!Files.isDirectory(repo)) {
                return null;
            }
            try (var versions = Files.list(repo)) {
                return versions.map(v -> v.resolve("duckdb_jdbc-" + v.getFileName() + ".jar"))
                        .filter(Files::isRegularFile)
                        .max(Comparator.comparing(p -> versionKey(p.getParent().getFileName().toString())))
                        .orElse(null);
            }
        }

        /** 1.5.6.0 → "00001.00005.00006.00000", so versions sort as numbers. */
        private static String versionKey(String version) {
            StringBuilder key = new StringBuilder();
            for (String part : version.split("\\.")) {
                key.append(String.format("%05d.", part.matches("\\d+") ? Integer.parseInt(part) : 0));
            }
            return key.toString();
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Time `lanebench report` on a synthetic run of 100,000 attempts.",
                "The same generator as bench table, timed in fresh JVMs as the launcher",
                "starts them (bar: <= 5 s)."})
    static final class Report implements Callable<Integer> {
        static final double BAR_SECONDS = 5.0;

        @Option(names = "--rows", defaultValue = "100000", description = "Attempts in the synthetic run (default: ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--repeats", defaultValue = "3", description = "Measured runs (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("lanebench-bench-report");
            try {
                Path raw = dir.resolve("raw.csv");
                SyntheticRawCsv.write(raw, rows);
                Path html = dir.resolve("report.html");
                List<String> command = asTheLauncherStarts("report", "-o", html.toString());
                Path log = dir.resolve("report.out");
                TableBenchmark.timed(command, dir, log); // warms the page cache
                java.util.List<Double> seconds = new java.util.ArrayList<>();
                for (int i = 0; i < repeats; i++) {
                    seconds.add(TableBenchmark.timed(command, dir, log));
                }
                TableBenchmark.Timing t = new TableBenchmark.Timing(command, seconds);
                System.out.printf(java.util.Locale.ROOT, "report benchmark: %,d attempts, %.1f MB raw.csv -> %.1f MB "
                        + "report.html%n  lanebench report  median %.2f s, min %.2f s over %d fresh JVMs (bar %.1f s: %s)%n"
                        + "    %s RUN_DIR%n", rows, Files.size(raw) / 1e6, Files.size(html) / 1e6, t.median(), t.min(),
                        seconds.size(), BAR_SECONDS, t.median() <= BAR_SECONDS ? "met" : "NOT met",
                        String.join(" ", command));
            } finally {
                dev.lanebench.harness.workspace.Workspace.deleteTree(dir);
            }
            return 0;
        }
    }

    @Command(name = "parallel", mixinStandardHelpOptions = true,
            description = {"Speedup of --parallel P over --parallel 1.",
                "A flat lane against a fixed-latency local model (bar: --parallel 8",
                "reaches >= 85%% of ideal)."})
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

    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = {"How fast the short commands start, through the launcher.",
                "--help, tasks and lanes end to end, against a plain java -jar of the same",
                "jar (bars: p50 <= 250 ms for --help, <= 500 ms for tasks and lanes)."})
    static final class Startup implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "20", description = "Measured runs per command (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Path home = dev.lanebench.harness.config.LanebenchHome.dir();
            if (home == null || !java.nio.file.Files.isExecutable(home.resolve("lanebench"))) {
                throw new dev.lanebench.harness.config.ConfigException(
                        "bench startup: run it through the launcher (./lanebench bench startup); it times the launcher");
            }
            System.out.println("start-up of the short commands, " + warmup + " warm-up + " + runs + " measured runs each, "
                    + Runtime.getRuntime().availableProcessors() + " cores:");
            for (dev.lanebench.harness.bench.StartupBenchmark.Result r
                    : dev.lanebench.harness.bench.StartupBenchmark.run(home, warmup, runs)) {
                System.out.println(r.line());
            }
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

    /** A lanebench command in a fresh JVM, as ./lanebench starts table, report and compare: on C1 only. */
    static List<String> asTheLauncherStarts(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The task with the least to copy: the benchmarks measure the harness, not a big repo. */
    static Task smallestTask(Catalogue cat) {
        return cat.tasks().stream().min(Comparator.comparingLong(BenchCommand::repoBytes))
                .orElseThrow(() -> new dev.lanebench.harness.config.ConfigException(cat.root() + ": the catalogue has no tasks"));
    }

    static long repoBytes(Task t) {
        try (var s = Files.walk(t.repoDir())) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
