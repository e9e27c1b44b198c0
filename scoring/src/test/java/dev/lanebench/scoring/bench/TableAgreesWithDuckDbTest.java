package dev.lanebench.scoring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.tables.TableReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lanebench's cells against DuckDB's on the same synthetic raw.csv: n, median, min, max and IQR (DuckDB's
 * {@code quantile_cont} is the same linear interpolation) agree to four decimals on every cell, and so do the
 * counts of what was left out. DuckDB is a test-scoped dependency: the yardstick, never part of lanebench.
 */
class TableAgreesWithDuckDbTest {
    /**
     * lanebench stores its statistics rounded half-up to four decimals; DuckDB keeps the double. Exactly between
     * two four-decimal values (a median of 1.8106 and 1.8107 is 1.81065) the double may lie a hair below while
     * lanebench shows 1.8107: half a unit of the fourth decimal, plus float noise, is agreement.
     */
    private static final org.assertj.core.data.Offset<Double> FOUR_DECIMALS =
            org.assertj.core.api.Assertions.within(0.5e-4 + 1e-9);
    @TempDir
    Path dir;

    @Test
    void everyCellAgreesWithDuckDbToFourDecimals() throws Exception {
        Path file = dir.resolve("raw.csv");
        SyntheticRawCsv.write(file, 60_000); // over 4 MiB: lanebench reads it in chunks on several threads

        TableReport report = TableReport.builder().threads(2).addFile(file).build();
        List<DuckDbReference.Cell> duck = DuckDbReference.cells(file);

        assertThat(duck).hasSize(15 * 14).hasSize(report.cells().size());
        for (DuckDbReference.Cell d : duck) {
            CellStats mine = report.cell(d.task(), d.lane());
            String cell = d.task() + " / " + d.lane();
            assertThat(mine).as(cell).isNotNull();
            assertThat((long) mine.n()).as(cell + " n").isEqualTo(d.n());
            assertThat(mine.median()).as(cell + " median").isCloseTo(d.median(), FOUR_DECIMALS);
            assertThat(mine.min()).as(cell + " min").isCloseTo(d.min(), FOUR_DECIMALS);
            assertThat(mine.max()).as(cell + " max").isCloseTo(d.max(), FOUR_DECIMALS);
            assertThat(mine.iqr()).as(cell + " iqr").isCloseTo(d.iqr(), FOUR_DECIMALS);
            assertThat((long) mine.infraErrors()).as(cell + " infra").isEqualTo(d.infraErrors());
            assertThat((long) mine.verifyErrors()).as(cell + " verify").isEqualTo(d.verifyErrors());
            assertThat((long) mine.offRoute()).as(cell + " off-route").isEqualTo(d.offRoute());
        }
    }
}
