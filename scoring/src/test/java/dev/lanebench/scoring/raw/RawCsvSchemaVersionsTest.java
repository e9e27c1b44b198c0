package dev.lanebench.scoring.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * raw.csv across schema versions: files written before schema 2 (kept as test resources, unchanged), files of
 * a newer schema with columns this version does not know, and appending to either.
 */
class RawCsvSchemaVersionsTest {
    @TempDir
    Path dir;

    /** A copy of a test resource written by the schema-1 code. */
    static Path schemaOneFile(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = RawCsvSchemaVersionsTest.class.getResourceAsStream("/schema1/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aRealRunWrittenBySchemaOneReadsWithTheAppendedColumnsEmpty() throws IOException {
        Path file = schemaOneFile(dir, "oracle-noop-run.csv");

        List<RawRow> rows = RawCsvReader.read(file);
        assertThat(rows).hasSize(12);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.sandbox()).isNull();
            assertThat(r.judgeCostUsd()).isNull();
            assertThat(r.harnessVersion()).isEqualTo("0.1.0");
        });
        RawRow first = rows.get(0);
        assertThat(first.task()).isEqualTo("config-refactor");
        assertThat(first.lane()).isEqualTo("oracle");
        assertThat(first.composite()).isEqualTo(5.0);
        assertThat(first.verifyEvidence()).isEqualTo("11/11 checks pass");
        assertThat(first.taskHash()).isEqualTo("a8468410ecf3");
        RawCsvHeader header = RawCsvReader.header(file);
        assertThat(header.schema()).isEqualTo(1);
        assertThat(header.unknownColumns()).isEmpty();
        assertThat(header.describe()).isEqualTo("schema 1");
    }

    @Test
    void theScorePathAndTheChunkedPathReadASchemaOneFileLikeTheFullReader() throws IOException {
        Path file = schemaOneFile(dir, "synthetic-model-lanes.csv");
        List<ScoreRow> expected = RawCsvReader.read(file).stream().map(ScoreRow::of).toList();

        assertThat(expected).hasSize(432);
        assertThat(ChunkedScanTest.readInChunks(file, 500)).isEqualTo(expected);
        assertThat(ChunkedScanTest.readInChunks(file, 1_000_000)).isEqualTo(expected);
    }

    @Test
    void aNewerFileWithAnUnknownColumnReadsByHeaderName() throws IOException {
        Path file = dir.resolve("raw.csv");
        // a newer schema appending gpu_s, and someone's extra column in the middle for good measure
        String header = RawCsvSchema.HEADER_LINE.replace(",verify_evidence,", ",verify_evidence,reviewer,") + ",gpu_s";
        StringBuilder text = new StringBuilder(header).append('\n');
        for (RawRow row : List.of(SampleRows.full(), SampleRows.sparse())) {
            List<String> fields = new ArrayList<>(List.of(RawCsvSchema.toFields(row)));
            fields.add(RawCsvSchema.Column.VERIFY_EVIDENCE.ordinal() + 1, "ann, \"a\"");
            fields.add("12.5");
            StringBuilder line = new StringBuilder();
            RawCsvSchema.FORMAT.printRecord(line, fields.toArray());
            text.append(line);
        }
        Files.writeString(file, text);

        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.full(), SampleRows.sparse());
        RawCsvHeader found = RawCsvReader.header(file);
        assertThat(ChunkedScanTest.readInChunks(file, 7))
                .containsExactly(ScoreRow.of(SampleRows.full()), ScoreRow.of(SampleRows.sparse()));
        assertThat(found.schema()).isEqualTo(2);
        assertThat(found.unknownColumns()).containsExactly("reviewer", "gpu_s");
        assertThat(found.describe()).isEqualTo("schema 2 + unknown columns reviewer, gpu_s");
        assertThat(found.isCurrent()).isFalse();
    }

    @Test
    void aFileWrittenNowIsSchemaTwoAndCurrent() throws IOException {
        Path file = dir.resolve("raw.csv");
        try (RawCsvWriter w = RawCsvWriter.open(file)) {
            w.append(SampleRows.full());
        }

        RawCsvHeader header = RawCsvReader.header(file);
        assertThat(header.schema()).isEqualTo(RawCsvSchema.VERSION).isEqualTo(2);
        assertThat(header.isCurrent()).isTrue();
        assertThat(RawCsvSchema.HEADER.subList(0, 35)).doesNotContain("sandbox", "judge_cost_usd");
        assertThat(RawCsvSchema.HEADER.subList(35, 37)).containsExactly("sandbox", "judge_cost_usd");
    }

    @Test
    void appendingToASchemaOneFileUpgradesItAndKeepsEveryRow() throws IOException {
        Path file = schemaOneFile(dir, "synthetic-model-lanes.csv");
        List<RawRow> before = RawCsvReader.read(file);

        try (RawCsvWriter w = RawCsvWriter.open(file)) {
            w.append(SampleRows.full());
        }

        assertThat(Files.readAllLines(file).get(0)).isEqualTo(RawCsvSchema.HEADER_LINE);
        List<RawRow> after = RawCsvReader.read(file);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.get(before.size())).isEqualTo(SampleRows.full());
        assertThat(RawCsvReader.header(file).isCurrent()).isTrue();
        assertThat(dir.resolve("synthetic-model-lanes.csv.upgrading")).doesNotExist();
    }

    @Test
    void appendingToAFileWithColumnsThisVersionDoesNotKnowIsRefused() throws IOException {
        Path file = dir.resolve("raw.csv");
        String text = RawCsvSchema.HEADER_LINE + ",gpu_s\n" + RawCsvSchema.formatLine(SampleRows.sparse())
                .replace("\n", ",3\n");
        Files.writeString(file, text);

        assertThatThrownBy(() -> RawCsvWriter.open(file))
                .isInstanceOf(RawCsvException.class)
                .hasMessage(file + ": line 1: cannot append rows: it has columns this lanebench does not know "
                        + "(gpu_s): a newer lanebench wrote it");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aHeaderMissingASchemaOneColumnOrRepeatingOneIsNotARawCsv() throws IOException {
        Path file = dir.resolve("raw.csv");
        Files.writeString(file, RawCsvSchema.HEADER_LINE.replace(",composite,", ",") + "\n");
        assertThatThrownBy(() -> RawCsvReader.read(file)).hasMessage(file
                + ": line 1: not a raw.csv header: no column composite; found " + RawCsvException.shown(
                        RawCsvSchema.HEADER_LINE.replace(",composite,", ",")));

        Files.writeString(file, RawCsvSchema.HEADER_LINE + ",lane\n");
        assertThatThrownBy(() -> RawCsvReader.read(file))
                .hasMessage(file + ": line 1: not a raw.csv header: column 'lane' appears twice (columns 4 and 38)");
    }
}
