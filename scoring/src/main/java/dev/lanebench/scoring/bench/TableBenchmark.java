package dev.lanebench.scoring.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The table bar, measured as a user meets it: writes a realistic synthetic raw.csv ({@link SyntheticRawCsv}),
 * then times {@code lanebench table --format csv} over it in fresh JVMs, and, where DuckDB's JDBC driver is
 * at hand, {@link DuckDbReference} doing the same work on the same file, interleaved so both see the same
 * machine; and checks that the two agree on every cell. The harness runs it as {@code lanebench bench table}.
 */
public final class TableBenchmark {
    public static final int DEFAULT_ROWS = 1_000_000;
    public static final double BAR_SECONDS = 1.5;
    public static final double GOAL_RATIO = 1.0;
    /** Four decimals agree when the two values round to the same, allowing a tie exactly between two. */
    private static final double AGREE = 0.5e-4 + 1e-9;

    private TableBenchmark() {
    }

    /** Wall-clock seconds of one command over several runs. */
    public record Timing(List<String> command, List<Double> seconds) {
        public double median() {
            List<Double> s = new ArrayList<>(seconds);
            s.sort(null);
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }

        public double min() {
            return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }
    }

    /** How many cells lanebench and DuckDB agree on (n, median, min, max, IQR to four decimals), and the first few that differ. */
    public record Agreement(int cells, int agreeing, List<String> differences) {
    }

    /**
     * Figures of one run.
     *
     * @param duckdb    null when no DuckDB driver was given
     * @param agreement null when no DuckDB driver was given
     */
    public record Result(long rows, long fileBytes, double writeSeconds, Timing lanebench, Timing duckdb,
            Agreement agreement) {

        public double ratio() {
            return duckdb == null ? Double.NaN : lanebench.median() / duckdb.median();
        }

        /** Plain lines for a terminal or a log. */
        public String summary() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "table benchmark: %,d rows, %.1f MB raw.csv (15 tasks × 14 lanes, "
                    + "~6%% infra and ~3%% verify errors, ~38%% of rows with quoted evidence; written in %.1f s)%n",
                    rows, fileBytes / 1e6, writeSeconds));
            out.append(String.format(Locale.ROOT, "  lanebench table --format csv  median %.2f s, min %.2f s over %d "
                    + "fresh JVMs (bar %.1f s: %s)%n", lanebench.median(), lanebench.min(),
                    lanebench.seconds().size(), BAR_SECONDS, lanebench.median() <= BAR_SECONDS ? "met" : "NOT met"));
            out.append("    ").append(String.join(" ", lanebench.command())).append(" FILE\n");
            if (duckdb == null) {
                out.append("  DuckDB: no JDBC driver found (give --duckdb-jar), so no ratio\n");
                return out.toString();
            }
            out.append(String.format(Locale.ROOT, "  DuckDB read_csv_auto + GROUP BY  median %.2f s, min %.2f s over %d "
                    + "fresh JVMs%n", duckdb.median(), duckdb.min(), duckdb.seconds().size()));
            out.append("    ").append(String.join(" ", duckdb.command())).append(" FILE\n");
            out.append(String.format(Locale.ROOT, "  ratio lanebench / DuckDB  %.2f× by median, %.2f× by min (goal "
                    + "<= %.1f×: %s)%n", ratio(), lanebench.min() / duckdb.min(), GOAL_RATIO,
                    ratio() <= GOAL_RATIO ? "met" : "NOT met"));
            out.append(String.format(Locale.ROOT, "  cells agreeing with DuckDB (n, median, min, max, IQR to 4 "
                    + "decimals): %d of %d%n", agreement.agreeing(), agreement.cells()));
            agreement.differences().forEach(d -> out.append("    differs: ").append(d).append('\n'));
            return out.toString();
        }
    }

    /**
     * Writes {@code file} with {@code rows} synthetic rows, then runs {@code tableCommand FILE} (and
     * {@code duckdbCommand FILE} unless null) once each to warm the page cache, then {@code repeats} times
     * each, interleaved.
     */
    public static Result run(Path file, int rows, List<String> tableCommand, List<String> duckdbCommand,
            int repeats) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        SyntheticRawCsv.write(file, rows);
        double write = (System.nanoTime() - t0) / 1e9;
        Path tableOut = file.resolveSibling("table.csv");
        Path duckOut = file.resolveSibling("duckdb.csv");
        timed(tableCommand, file, tableOut);
        if (duckdbCommand != null) {
            timed(duckdbCommand, file, duckOut);
        }
        List<Double> table = new ArrayList<>();
        List<Double> duck = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            table.add(timed(tableCommand, file, tableOut));
            if (duckdbCommand != null) {
                duck.add(timed(duckdbCommand, file, duckOut));
            }
        }
        Agreement agreement = duckdbCommand == null ? null : agreement(tableOut, duckOut);
        return new Result(rows, Files.size(file), write, new Timing(tableCommand, table),
                duckdbCommand == null ? null : new Timing(duckdbCommand, duck), agreement);
    }

    /** Runs {@code command file} with its output to {@code out}; returns the wall-clock seconds. */
    public static double timed(List<String> command, Path file, Path out) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(command);
        line.add(file.toString());
        Path err = out.resolveSibling(out.getFileName() + ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IOException(String.join(" ", line) + " exited " + exit + ": "
                    + Files.readString(err, StandardCharsets.UTF_8).strip());
        }
        return seconds;
    }

    /** Compares the cells of {@code lanebench table --format csv} with those of {@link DuckDbReference}, by task and lane. */
    static Agreement agreement(Path tableCsv, Path duckdbCsv) throws IOException {
        Map<String, double[]> duck = new HashMap<>();
        for (CSVRecord r : records(duckdbCsv)) {
            duck.put(r.get("task") + " / " + r.get("lane"), numbers(r));
        }
        int cells = 0;
        int agreeing = 0;
        List<String> differences = new ArrayList<>();
        for (CSVRecord r : records(tableCsv)) {
            if (!r.get("table").equals("cell")) {
                continue;
            }
            cells++;
            String key = r.get("task") + " / " + r.get("lane");
            double[] mine = numbers(r);
            double[] theirs = duck.get(key);
            boolean same = theirs != null;
            for (int i = 0; same && i < mine.length; i++) {
                same = Double.isNaN(mine[i]) ? Double.isNaN(theirs[i]) : Math.abs(mine[i] - theirs[i]) <= AGREE;
            }
            if (same) {
                agreeing++;
            } else if (differences.size() < 5) {
                differences.add(key + ": lanebench " + java.util.Arrays.toString(mine) + ", DuckDB "
                        + (theirs == null ? "no such cell" : java.util.Arrays.toString(theirs)));
            }
        }
        return new Agreement(cells, agreeing, differences);
    }

    private static List<CSVRecord> records(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().build().parse(in)) {
            return parser.getRecords();
        }
    }

    /** n, median, min, max, iqr; NaN where empty. DuckDB's IQR is kept from n = 4, as lanebench shows it. */
    private static double[] numbers(CSVRecord r) {
        double n = number(r.get("n"));
        double[] out = {n, number(r.get("median")), number(r.get("min")), number(r.get("max")), number(r.get("iqr"))};
        if (n < 4) {
            out[4] = Double.NaN;
        }
        return out;
    }

    private static double number(String s) {
        return s == null || s.isEmpty() || s.equals("null") ? Double.NaN : Double.parseDouble(s);
    }
}
