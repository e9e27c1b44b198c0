package dev.lanebench.scoring.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a raw.csv in chunks on several threads gives exactly the rows of reading it in one pass. */
class ChunkedScanTest {
    @TempDir
    Path dir;

    /** Every row of the file through chunks of about {@code chunkBytes}, on three threads, concatenated in file order. */
    static List<ScoreRow> readInChunks(Path file, long chunkBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            RawCsvReader.Chunks<Collector> chunks = ChunkedScan.run(file, channel, 3, Collector::new, 0, chunkBytes);
            List<ScoreRow> all = new ArrayList<>();
            chunks.sinks().forEach(c -> all.addAll(c.rows));
            assertThat(chunks.rows()).isEqualTo(all.size());
            return all;
        }
    }

    /** Turns each record back into a ScoreRow, so the chunked path can be compared with the sequential one. */
    /** The score columns as the full reader reads them: the baseline the chunked path must equal. */
    static List<ScoreRow> scores(Path file) throws IOException {
        return RawCsvReader.read(file).stream().map(ScoreRow::of).toList();
    }

    static final class Collector implements ScoreSink {
        final List<ScoreRow> rows = new ArrayList<>();

        @Override
        public void accept(ScoreRecord r) throws IOException {
            ScoreKey k = r.keyOf(r.key());
            rows.add(new ScoreRow(k.task(), k.tier(), k.lane(), k.runner(), k.model(), r.status(),
                    nan(r.composite()), r.routeOk(), nan(r.costUsd()), k.taskHash(), minusOne(r.inputTokens()),
                    minusOne(r.cachedTokens()), minusOne(r.outputTokens()), nan(r.agentS()), k.sandbox()));
        }

        private static Double nan(double v) {
            return Double.isNaN(v) ? null : v;
        }

        private static Long minusOne(long v) {
            return v < 0 ? null : v;
        }
    }

    /** Rows whose evidence holds quotes, commas, blank lines and lines that look like raw.csv rows. */
    private Path trickyFile() throws IOException {
        String lookalike = "\n" + RawCsvSchema.formatLine(SampleRows.sparse()) + "\"\",\n\n,\"";
        StringBuilder text = new StringBuilder(RawCsvSchema.HEADER_LINE).append('\n');
        for (int i = 0; i < 60; i++) {
            RawRow base = i % 2 == 0 ? SampleRows.full() : SampleRows.sparse();
            String evidence = switch (i % 5) {
                case 0 -> "row " + i + lookalike;
                case 1 -> null;
                case 2 -> "\"" + i + "\"";
                default -> "plain " + i;
            };
            text.append(RawCsvSchema.formatLine(RawCsvRoundTripTest.withEvidence(base, evidence)));
            if (i % 17 == 0) {
                text.append('\n'); // a blank line between rows
            }
        }
        Path file = dir.resolve("tricky.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void everyChunkSizeGivesTheRowsOfTheSequentialReadInOrder() throws IOException {
        Path file = trickyFile();
        List<ScoreRow> expected = scores(file);
        assertThat(expected).hasSize(60);

        for (long chunk = 1; chunk <= 700; chunk += chunk < 40 ? 1 : 37) {
            assertThat(readInChunks(file, chunk)).as("chunks of %d bytes", chunk).isEqualTo(expected);
        }
    }

    @Test
    void aHalfWrittenTailIsIgnoredByTheLastChunk() throws IOException {
        Path file = trickyFile();
        List<ScoreRow> expected = scores(file);
        Files.writeString(file, RawCsvSchema.formatLine(SampleRows.full()).substring(0, 150),
                StandardOpenOption.APPEND); // cut inside the quoted evidence

        assertThat(readInChunks(file, 97)).isEqualTo(expected);
        assertThat(readInChunks(file, 5)).isEqualTo(expected);
    }

    @Test
    void theFirstErrorInFileOrderIsTheOneReportedWithItsLine() throws IOException {
        Path file = trickyFile();
        List<String> lines = new ArrayList<>(List.of(Files.readString(file).split("\n", -1)));
        // rows 3 and 53 are sparse rows (infra_error) whose evidence reads "plain 3", "plain 53"
        int early = indexOf(lines, ",plain 3,");
        int late = indexOf(lines, ",plain 53,");
        assertThat(lines.get(early)).contains(",infra_error,");
        assertThat(lines.get(late)).contains(",infra_error,");
        assertThat(early).isGreaterThan(5);
        lines.set(early, lines.get(early).replace(",infra_error,", ",crashed,"));
        lines.set(late, lines.get(late).replace(",infra_error,", ",exploded,"));
        Files.writeString(file, String.join("\n", lines));

        for (long chunk : new long[] {13, 200, 1_000_000}) {
            assertThatThrownBy(() -> readInChunks(file, chunk)).as("chunks of %d bytes", chunk)
                    .hasMessage(file + ": line " + (early + 1)
                            + ", column status: 'crashed' is not one of scored, infra_error, verify_error");
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + part);
    }

    @Test
    void aHeaderInAnotherOrderReadsTheSameRows() throws IOException {
        // columns reversed: the key fields (task to model) are no longer one run of bytes in each row
        List<String> header = new ArrayList<>(RawCsvSchema.HEADER);
        java.util.Collections.reverse(header);
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        List<ScoreRow> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RawRow row = RawCsvRoundTripTest.withEvidence(i % 2 == 0 ? SampleRows.full() : SampleRows.sparse(),
                    i % 3 == 0 ? "a, \"quoted\"\nline " + i : null);
            List<String> fields = new ArrayList<>(List.of(RawCsvSchema.toFields(row)));
            java.util.Collections.reverse(fields);
            RawCsvSchema.FORMAT.printRecord(text, fields.toArray());
            expected.add(ScoreRow.of(row));
        }
        Path file = dir.resolve("reversed.csv");
        Files.writeString(file, text);

        assertThat(scores(file)).isEqualTo(expected);
        for (long chunk : new long[] {3, 50, 333}) {
            assertThat(readInChunks(file, chunk)).as("chunks of %d bytes", chunk).isEqualTo(expected);
        }
    }
}
