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
    void runWritesTheAskedRowsAndReportsFigures() throws IOException {
        TableBenchmark.Result result = TableBenchmark.run(dir, 5_000);

        assertThat(result.rows()).isEqualTo(5_000);
        assertThat(result.fileBytes()).isGreaterThan(5_000L * 100);
        assertThat(result.seconds()).isCloseTo(result.buildSeconds() + result.renderSeconds(), within(1e-9));
        assertThat(result.cpuSeconds()).isPositive();
        assertThat(result.summary()).contains("5,000 rows").contains("rows/s");
    }

    @Test
    void syntheticFileIsAValidMixOfTwelveTasksSixLanesAndEveryOutcome() throws IOException {
        Path file = dir.resolve("raw.csv");
        SyntheticRawCsv.write(file, 7_200);

        List<RawRow> rows = RawCsvReader.read(file);
        assertThat(rows).hasSize(7_200);
        assertThat(rows.stream().map(RawRow::task).distinct()).hasSize(12);
        assertThat(rows.stream().map(RawRow::lane).distinct()).hasSize(6);
        assertThat(rows.stream().map(RawRow::status).distinct()).containsExactlyInAnyOrder(Status.values());
        assertThat(rows).anyMatch(r -> Boolean.FALSE.equals(r.routeOk()));
        assertThat(rows).anyMatch(r -> r.verifyEvidence() != null && r.verifyEvidence().contains("\n"));
        TableReport report = TableReport.builder().addFile(file).build();
        assertThat(report.cells()).hasSize(72);
        assertThat(report.comparisons()).hasSize(2);
    }
}
