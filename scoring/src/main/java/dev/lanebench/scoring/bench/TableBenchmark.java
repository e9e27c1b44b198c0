package dev.lanebench.scoring.bench;

import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The table bar of DESIGN.md §11, measured: writes a synthetic raw.csv, then times what {@code lanebench table}
 * does with it (stream-read, aggregate, render markdown) and reports the figures. The harness exposes it as
 * {@code lanebench bench table}; run it in a fresh JVM, as a user would meet it.
 */
public final class TableBenchmark {
    public static final int DEFAULT_ROWS = 1_000_000;
    public static final double BAR_SECONDS = 3.0;

    private TableBenchmark() {
    }

    /**
     * Figures of one run.
     *
     * @param writeSeconds   generating the file (not part of the bar)
     * @param buildSeconds   reading and aggregating the rows
     * @param renderSeconds  rendering the markdown tables
     * @param seconds        build + render, wall clock: the figure held against the bar
     * @param cpuSeconds     CPU time the measuring thread spent on build + render; on a busy machine this
     *                       shows what the work itself costs, apart from waiting for a core
     */
    public record Result(long rows, long fileBytes, double writeSeconds, double buildSeconds, double renderSeconds,
            double seconds, double cpuSeconds) {

        public double rowsPerSecond() {
            return seconds > 0 ? rows / seconds : Double.POSITIVE_INFINITY;
        }

        public double fileMegabytes() {
            return fileBytes / 1e6;
        }

        public boolean withinBar() {
            return seconds <= BAR_SECONDS;
        }

        /** Plain lines for a terminal or a log. */
        public String summary() {
            return String.format(Locale.ROOT, "table benchmark: %,d rows, %.1f MB raw.csv (written in %.2f s)%n"
                    + "  read + aggregate  %.3f s%n  render md         %.3f s%n  total             %.3f s  "
                    + "(%,.0f rows/s; bar %.1f s: %s)%n  cpu (this thread) %.3f s%n", rows, fileMegabytes(),
                    writeSeconds, buildSeconds, renderSeconds, seconds, rowsPerSecond(), BAR_SECONDS,
                    withinBar() ? "met" : "NOT met", cpuSeconds);
        }
    }

    /** Writes {@code workDir}/raw.csv with {@code rows} synthetic rows, then times reading it into the md tables. */
    public static Result run(Path workDir, int rows) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("raw.csv");
        long t0 = System.nanoTime();
        SyntheticRawCsv.write(file, rows);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        long t1 = System.nanoTime();
        TableReport report = TableReport.builder().addFile(file).build();
        long t2 = System.nanoTime();
        String md = dev.lanebench.scoring.tables.TableFormats.named("md").render(report);
        long t3 = System.nanoTime();
        long cpu1 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        if (report.rows() != rows || md.isEmpty()) {
            throw new IllegalStateException("benchmark read " + report.rows() + " rows, wrote " + rows);
        }
        return new Result(rows, Files.size(file), secs(t1 - t0), secs(t2 - t1), secs(t3 - t2), secs(t3 - t1),
                secs(cpu1 - cpu0));
    }

    /** {@code TableBenchmark [rows] [workDir]}: defaults 1,000,000 rows in a temporary folder, deleted after. */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : DEFAULT_ROWS;
        boolean temporary = args.length < 2;
        Path dir = temporary ? Files.createTempDirectory("lanebench-bench-") : Path.of(args[1]);
        try {
            System.out.print(run(dir, rows).summary());
        } finally {
            if (temporary) {
                Files.deleteIfExists(dir.resolve("raw.csv"));
                Files.deleteIfExists(dir);
            }
        }
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
