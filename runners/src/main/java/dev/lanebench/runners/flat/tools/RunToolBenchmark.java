package dev.lanebench.runners.flat.tools;

import dev.lanebench.runners.sandbox.NoSandbox;
import dev.lanebench.runners.sandbox.Sandbox;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.SandboxMounts;
import dev.lanebench.runners.sandbox.SandboxSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures what the sandbox adds to one flat {@code run} tool call: the same command through the same
 * {@link CommandRunner}, unsandboxed ({@code none}) and in the given backend, alternating so both see the same
 * machine; and, for scale, a bare {@code bash -c} started with nothing around it.
 */
public final class RunToolBenchmark {
    private RunToolBenchmark() {
    }

    /** Percentiles of both series and the difference of their medians. */
    public record Result(String backend, String command, int calls, double[] bare, double[] none, double[] sandboxed) {
        public double addedP50() {
            return pct(sandboxed, 50) - pct(none, 50);
        }

        public String report() {
            return String.format(Locale.ROOT, "run tool call `%s`, %d calls each:%n"
                            + "  bare bash -c (no run tool) p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%n"
                            + "  none    p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%n"
                            + "  %-7s p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%n"
                            + "  added by the sandbox: p50 %.2f ms over none, %.2f ms over a bare bash (bar: <= 15 ms): %s",
                    command, calls, pct(bare, 50), pct(bare, 90), pct(bare, 99), pct(none, 50), pct(none, 90),
                    pct(none, 99), backend, pct(sandboxed, 50),
                    pct(sandboxed, 90), pct(sandboxed, 99), addedP50(), pct(sandboxed, 50) - pct(bare, 50),
                    Math.max(addedP50(), pct(sandboxed, 50) - pct(bare, 50)) <= 15 ? "met" : "MISSED");
        }
    }

    public static Result run(Sandbox sandbox, String command, int warmup, int calls) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lanebench-bench-sandbox");
        try (SandboxSession plain = open(new NoSandbox(), dir.resolve("none"));
             SandboxSession boxed = open(sandbox, dir.resolve("boxed"))) {
            CommandRunner a = new CommandRunner(plain, plain.environment(System.getenv()), 4096, 4096);
            CommandRunner b = new CommandRunner(boxed, boxed.environment(System.getenv()), 4096, 4096);
            double[] bare = new double[calls];
            double[] none = new double[calls];
            double[] sandboxed = new double[calls];
            for (int i = 0; i < warmup + calls; i++) {
                double w = bare(dir, command);
                double x = time(a, command);
                double y = time(b, command);
                if (i >= warmup) {
                    bare[i - warmup] = w;
                    none[i - warmup] = x;
                    sandboxed[i - warmup] = y;
                }
            }
            return new Result(sandbox.name(), command, calls, bare, none, sandboxed);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static SandboxSession open(Sandbox s, Path dir) throws IOException {
        return s.open(SandboxMounts.under(dir.resolve("workspace"), dir.resolve("scratch"), dir.resolve("sandbox")),
                SandboxLimits.DEFAULTS);
    }

    private static double time(CommandRunner r, String command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        CommandRunner.Result res = r.run(command, Duration.ofSeconds(30), null);
        if (res.exitCode() == null || res.exitCode() != 0) {
            throw new IOException("benchmark command failed: " + res.output());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double bare(Path dir, String command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("benchmark command failed");
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    static double pct(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
