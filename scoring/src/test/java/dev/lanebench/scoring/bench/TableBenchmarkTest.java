package dev.lanebench.scoring.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's plumbing on a small file; its timing is reported by the command, never asserted here. */
class TableBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void agreementHoldsToFourDecimalsAndNamesTheCellsThatDiffer() throws IOException {
        Path table = dir.resolve("table.csv");
        Path duck = dir.resolve("duckdb.csv");
        java.nio.file.Files.writeString(table, "table,task,tier,lane,n,median,min,max,iqr\n"
                + "cell,a,t1,flat,5,2.5,1,4,1.25\n"
                + "cell,b,t1,flat,3,2.0001,1,3,\n"
                + "cell,c,t1,flat,0,,,,\n"
                + "lane,,,flat,,,,,\n");
        // a: the medians differ by a rounding tie (2.50005 vs 2.5); b: by 0.0001, a real difference;
        // c: no scored attempt on either side (DuckDB says null); DuckDB's IQR is ignored below n = 4 (b)
        java.nio.file.Files.writeString(duck, "task,task_hash,lane,n,median,min,max,iqr,infra_errors,verify_errors,off_route\n"
                + "a,h,flat,5,2.50005,1.0,4.0,1.25,0,0,0\n"
                + "b,h,flat,3,2.0,1.0,3.0,0.5,0,0,0\n"
                + "c,h,flat,0,null,null,null,null,2,0,0\n");

        TableBenchmark.Agreement a = TableBenchmark.agreement(table, duck);

        assertThat(a.cells()).isEqualTo(3);
        assertThat(a.agreeing()).isEqualTo(2);
        assertThat(a.differences()).singleElement().asString().startsWith("b / flat: lanebench [3.0, 2.0001");
    }

    @Test
    void timingsReportMedianAndMin() {
        TableBenchmark.Timing t = new TableBenchmark.Timing(List.of("x"), List.of(1.2, 0.8, 1.0, 3.0));

        assertThat(t.median()).isEqualTo(1.1);
        assertThat(t.min()).isEqualTo(0.8);
    }

    @Test
    void syntheticFileIsTheMatrixOfFifteenTasksFourteenLanesWithTheIssuesErrorAndQuotingRates() throws IOException {
        Path file = dir.resolve("raw.csv");
        int n = 42_000;
        SyntheticRawCsv.write(file, n);

        List<RawRow> rows = RawCsvReader.read(file);
        assertThat(rows).hasSize(n);
        assertThat(rows.stream().map(RawRow::task).distinct()).hasSize(15);
        assertThat(rows.stream().map(RawRow::lane).distinct()).hasSize(14);
        assertThat(share(rows, r -> r.status() == Status.INFRA_ERROR)).isCloseTo(0.06, within(0.005));
        assertThat(share(rows, r -> r.status() == Status.VERIFY_ERROR)).isCloseTo(0.03, within(0.005));
        assertThat(rows).anyMatch(r -> Boolean.FALSE.equals(r.routeOk()));
        List<String> lines = java.nio.file.Files.readAllLines(file);
        long quoted = rows.stream().filter(r -> needsQuotes(r.verifyEvidence()) || needsQuotes(r.error())).count();
        assertThat(quoted / (double) n).isCloseTo(0.38, within(0.01));
        double bytesPerRow = java.nio.file.Files.size(file) / (double) n;
        assertThat(bytesPerRow).isBetween(290.0, 330.0);
        assertThat(lines.get(0)).isEqualTo(dev.lanebench.scoring.raw.RawCsvSchema.HEADER_LINE);
        TableReport report = TableReport.builder().addFile(file).build();
        assertThat(report.cells()).hasSize(15 * 14);
        assertThat(report.comparisons()).hasSize(5);
        assertThat(report.comparisons().get(0).harnesses()).extracting(h -> h.runner()).containsExactly("claude", "codex");
    }

    private static double share(List<RawRow> rows, java.util.function.Predicate<RawRow> p) {
        return rows.stream().filter(p).count() / (double) rows.size();
    }

    private static boolean needsQuotes(String s) {
        return s != null && (s.contains(",") || s.contains("\"") || s.contains("\n"));
    }
}
