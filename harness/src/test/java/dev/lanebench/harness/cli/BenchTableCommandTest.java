package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanebench bench table} end to end on a small file: real child JVMs for lanebench and DuckDB. */
class BenchTableCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsBothTimingsTheRatioAndThatEveryCellAgrees() throws Exception {
        Path duckdb = BenchCommand.Table.newestDuckDbJar();
        Assumptions.assumeTrue(duckdb != null, "no org.duckdb:duckdb_jdbc in the local Maven repository "
                + "(the scoring module's tests fetch it)");

        CliRun r = CliRun.of("bench", "table", "--rows", "20000", "--repeats", "1", "--keep", dir.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("table benchmark: 20,000 rows")
                .contains("lanebench table --format csv  median")
                .contains("-XX:TieredStopAtLevel=1")
                .contains("DuckDB read_csv_auto + GROUP BY  median")
                .containsPattern("ratio lanebench / DuckDB  [0-9.]+× by median")
                .contains("(n, median, min, max, IQR to 4 decimals): 210 of 210");
        assertThat(dir.resolve("raw.csv")).exists();
    }

    @Test
    void aMissingDuckDbJarIsAOneLineError() {
        CliRun r = CliRun.of("bench", "table", "--rows", "10", "--duckdb-jar", dir.resolve("nope.jar").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("lanebench: --duckdb-jar: " + dir.resolve("nope.jar") + ": no such file");
    }
}
