package dev.lanebench.harness.bench;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.merge.RunMerge;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.scoring.raw.RawCsvReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The shard bar: the same plan (a flat lane against a fixed-latency local model) run by one lanebench process,
 * then by N processes each running {@code --shard i/N} and merged; speedup = T1 / TN, against the ideal N. Both
 * sides are whole processes (JVM start included) and the sharded side includes the merge. Every process runs with
 * the same short-lived-JVM settings: a class-data-sharing archive the benchmark records first (as the container
 * image bakes one), C1 only, the serial collector; so N JVMs starting at once on a small machine measure sharding,
 * not class loading.
 */
public final class ShardBenchmark {
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Dsun.net.httpserver.nodelay=true");

    private ShardBenchmark() {
    }

    /** Wall seconds of both sides, the merge's share, and the speedup against the ideal. */
    public record Result(int replications, int shards, long latencyMs, double serialSeconds, double shardedSeconds,
                         double mergeSeconds, int mergedRows) {
        public double speedup() {
            return serialSeconds / shardedSeconds;
        }

        public double efficiency() {
            return speedup() / Math.min(shards, replications);
        }

        public String summary() {
            return String.format(Locale.ROOT, "%d replications, model latency %d ms: 1 process %.2f s, %d shard processes"
                            + " + merge %.2f s (merge %.2f s, %d rows) → speedup %.2f× = %.0f%% of ideal",
                    replications, latencyMs, serialSeconds, shards, shardedSeconds, mergeSeconds, mergedRows, speedup(),
                    100 * efficiency());
        }
    }

    public static Result run(Path tasksDir, Task task, Path scoringFile, int replications, int shards, long latencyMs)
            throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("lanebench-bench-shards");
        try (FixedLatencyModel model = new FixedLatencyModel(latencyMs)) {
            Path lanes = root.resolve("lanes.yaml");
            Files.writeString(lanes, """
                    endpoints:
                      bench: {base_url: "%s"}
                    models:
                      bench: {endpoint: bench, id: %s}
                    lanes:
                      bench-flat: {runner: flat, model: bench, max_turns: 5, max_tokens: 512}
                    """.formatted(model.baseUrl(), FixedLatencyModel.MODEL));
            List<String> base = List.of("run", "--tasks-dir", tasksDir.toAbsolutePath().toString(), "--lanes-file",
                    lanes.toString(), "--scoring-file", scoringFile.toAbsolutePath().toString(), "--lanes", "bench-flat",
                    "--tasks", task.id(), "--reps", String.valueOf(replications), "--run-id", "bench-shards",
                    "--retries", "0", "--no-preflight");

            Path archive = root.resolve("lanebench.jsa");
            List<String> warmUp = new ArrayList<>(base);
            warmUp.set(warmUp.indexOf("--reps") + 1, "2");
            runAll(List.of(start(warmUp, root.resolve("warm-up"), null, root, "-XX:ArchiveClassesAtExit=" + archive)));
            String useArchive = Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-Xshare:auto";

            long t0 = System.nanoTime();
            runAll(List.of(start(base, root.resolve("whole"), null, root, useArchive)));
            double serial = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            List<Process> procs = new ArrayList<>();
            List<Path> parts = new ArrayList<>();
            for (int i = 1; i <= shards; i++) {
                Path part = root.resolve("part-" + i);
                parts.add(part);
                procs.add(start(base, part, i + "/" + shards, root, useArchive));
            }
            runAll(procs);
            long m0 = System.nanoTime();
            Path merged = root.resolve("merged");
            RunMerge.merge(merged, parts, new PrintStream(OutputStream.nullOutputStream()));
            long end = System.nanoTime();
            int rows = RawCsvReader.read(merged.resolve("raw.csv")).size();
            return new Result(replications, shards, latencyMs, serial, (end - t1) / 1e9, (end - m0) / 1e9, rows);
        } finally {
            Workspace.deleteTree(root);
        }
    }

    private static Process start(List<String> base, Path out, String shard, Path root, String archive) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        argv.addAll(JVM_OPTIONS);
        argv.addAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", archive, "-cp", System.getProperty("java.class.path"),
                "dev.lanebench.harness.cli.Main"));
        argv.addAll(base);
        argv.addAll(List.of("--out", out.toString()));
        if (shard != null) {
            argv.addAll(List.of("--shard", shard));
        }
        String log = out.getFileName() + ".log";
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(root.resolve(log).toFile()).start();
    }

    private static void runAll(List<Process> procs) throws InterruptedException, IOException {
        for (Process p : procs) {
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("a benchmark run did not finish in 30 minutes");
            }
            if (p.exitValue() > 1) {
                throw new IOException("a benchmark run failed with exit " + p.exitValue());
            }
        }
    }
}
