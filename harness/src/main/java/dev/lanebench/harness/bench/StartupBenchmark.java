package dev.lanebench.harness.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long the short commands take as a user starts them: the launcher script, end to end, each command run
 * many times with its output thrown away, against a plain {@code java -jar} of the same jar (no start-up
 * archive, default compilers and collector) for comparison.
 */
public final class StartupBenchmark {
    /** A command and its bar in milliseconds. */
    public record Case(List<String> args, double barMs) {
    }

    /** One command's timings: through the launcher and as a plain {@code java -jar}. */
    public record Result(Case c, Percentiles launcher, Percentiles plain) {
        public String line() {
            return String.format(java.util.Locale.ROOT, "  %-10s launcher p50 %4.0f ms, p90 %4.0f ms | plain java -jar p50 %4.0f ms"
                    + " | bar p50 <= %.0f ms: %s", String.join(" ", c.args()), launcher.p50(), launcher.p90(), plain.p50(),
                    c.barMs(), launcher.p50() <= c.barMs() ? "met" : "MISSED");
        }
    }

    public static final List<Case> CASES = List.of(new Case(List.of("--help"), 250), new Case(List.of("tasks"), 500),
            new Case(List.of("lanes"), 500));

    private StartupBenchmark() {
    }

    /**
     * @param home   the lanebench folder (its launcher and jar)
     * @param warmup unmeasured runs of each command first (the file cache, the archive)
     * @param runs   measured runs of each command and way
     */
    public static List<Result> run(Path home, int warmup, int runs) throws IOException, InterruptedException {
        Path launcher = home.resolve("lanebench");
        Path jar = home.resolve("harness/target/lanebench.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Result> results = new ArrayList<>();
        for (Case c : CASES) {
            List<String> viaLauncher = new ArrayList<>(List.of(launcher.toString()));
            viaLauncher.addAll(c.args());
            List<String> plain = new ArrayList<>(List.of(java, "-jar", jar.toString()));
            plain.addAll(c.args());
            // Each way in a block of its own: a JVM started between two others slows the next one down (its
            // exit frees a large heap, its class-data archive competes for the page cache), which alternating
            // would charge to both.
            results.add(new Result(c, series(viaLauncher, home, warmup, runs), series(plain, home, warmup, runs)));
        }
        return results;
    }

    private static Percentiles series(List<String> cmd, Path cwd, int warmup, int runs)
            throws IOException, InterruptedException {
        for (int i = 0; i < warmup; i++) {
            timeMs(cmd, cwd);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            ms[i] = timeMs(cmd, cwd);
        }
        return Percentiles.of(ms);
    }

    private static double timeMs(List<String> cmd, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("LANEBENCH_JAVA_OPTS");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": no answer in 60 s");
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue());
        }
        return ms;
    }
}
