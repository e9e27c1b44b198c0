package dev.lanebench.scoring.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** raw.csv written by RawCsvWriter and read back by RawCsvReader: every column, quoting, torn tails, errors. */
class RawCsvRoundTripTest {
    @TempDir
    Path dir;

    private Path write(RawRow... rows) throws IOException {
        Path file = dir.resolve("raw.csv");
        try (RawCsvWriter w = RawCsvWriter.open(file)) {
            for (RawRow r : rows) {
                w.append(r);
            }
        }
        return file;
    }

    @Test
    void everyColumnRoundTripsIncludingNullsAndQuotedText() throws IOException {
        RawRow full = SampleRows.full();
        RawRow sparse = SampleRows.sparse();
        Path file = write(full, sparse);

        assertThat(RawCsvReader.read(file)).containsExactly(full, sparse);
    }

    @Test
    void costKeepsEightDecimalsSoACheapCallIsNeverFree() throws IOException {
        RawRow cheap = withCost(SampleRows.full(), 0.00004321);
        Path file = write(cheap);
        assertThat(RawCsvReader.read(file).get(0).costUsd()).isEqualTo(0.00004321);
        assertThat(RawCsvSchema.formatDouble(0.123456789, RawCsvSchema.COST_DECIMALS)).isEqualTo("0.12345679");
    }

    private static RawRow withCost(RawRow r, double cost) {
        return new RawRow(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), r.replication(), r.attempt(),
                r.status(), r.composite(), r.correctness(), r.process(), r.costEff(), r.timeEff(), r.quality(),
                r.verifyEvidence(), r.timedOut(), r.wallS(), r.agentS(), r.verifyS(), r.turns(), r.toolCalls(),
                r.budgetViolations(), r.inputTokens(), r.cachedTokens(), r.outputTokens(), r.reasoningTokens(), cost,
                r.servedModels(), r.routeOk(), r.agentExit(), r.error(), r.startedAt(), r.taskHash(), r.harnessVersion(),
                r.sandbox(), r.judgeCostUsd());
    }

    @Test
    void newFileStartsWithTheDesignHeaderInOrder() throws IOException {
        Path file = write(SampleRows.full());

        assertThat(Files.readAllLines(file).get(0)).isEqualTo("run_id,task,tier,lane,runner,model,replication,"
                + "attempt,status,composite,correctness,process,cost_eff,time_eff,quality,verify_evidence,timed_out,"
                + "wall_s,agent_s,verify_s,turns,tool_calls,budget_violations,input_tokens,cached_tokens,"
                + "output_tokens,reasoning_tokens,cost_usd,served_models,route_ok,agent_exit,error,started_at,"
                + "task_hash,harness_version,sandbox,judge_cost_usd");
    }

    @Test
    void nullIsWrittenAsAnEmptyFieldNeverZero() throws IOException {
        Path file = write(SampleRows.sparse());

        String line = Files.readAllLines(file).get(1);
        assertThat(line).isEqualTo("run-1,yaml-key-rename,t1_trivial,noop,noop,,1,1,infra_error" + ",".repeat(28));
        assertThat(line).doesNotContain(",0,");
    }

    @Test
    void doublesArePlainWithAtMostFourDecimalsAndNoNoise() {
        assertThat(RawCsvSchema.formatDouble(4.5)).isEqualTo("4.5");
        assertThat(RawCsvSchema.formatDouble(0.0123)).isEqualTo("0.0123");
        assertThat(RawCsvSchema.formatDouble(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(RawCsvSchema.formatDouble(1e-7)).isEqualTo("0");
        assertThat(RawCsvSchema.formatDouble(0.00005)).isEqualTo("0.0001");
        assertThat(RawCsvSchema.formatDouble(1234567.0)).isEqualTo("1234567");
        assertThat(RawCsvSchema.formatDouble(4.16666666)).isEqualTo("4.1667");
        assertThat(RawCsvSchema.formatDouble(null)).isEmpty();
        assertThatThrownBy(() -> RawCsvSchema.formatDouble(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void booleansStatusAndServedModelsAreSpelledAsTheSchemaSays() throws IOException {
        Path file = write(SampleRows.full());

        String line = Files.readString(file).split("\n", 2)[1];
        assertThat(line).contains(",scored,4.1625,4.5,5,3.875,2.5,0.0123,")
                .contains(",true,312.4,298.1,4.2,23,41,1,184223,120000,8123,512,0.0843,")
                .contains(",z-ai/glm-5.2;z-ai/glm-5.2-air,true,1,")
                .endsWith(",sha256:9f2c1a7b3e4d,0.1.0,bwrap,0.00123456\n");
    }

    @Test
    void writtenFileIsReadBackTheSameWayByCommonsCsv() throws IOException {
        RawRow full = SampleRows.full();
        Path file = write(full, SampleRows.sparse());

        try (Reader in = Files.newBufferedReader(file); CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(3);
            assertThat(records.get(0).toList()).isEqualTo(RawCsvSchema.HEADER);
            assertThat(records.get(1).toList()).containsExactly(RawCsvSchema.toFields(full));
            assertThat(records.get(1).get(RawCsvSchema.Column.VERIFY_EVIDENCE.ordinal()))
                    .isEqualTo(full.verifyEvidence());
        }
    }

    @Test
    void appendingToAnExistingFileKeepsOneHeader() throws IOException {
        write(SampleRows.full());
        Path file = write(SampleRows.sparse());

        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.full(), SampleRows.sparse());
        assertThat(Files.readAllLines(file).stream().filter(l -> l.startsWith("run_id,"))).hasSize(1);
    }

    @Test
    void appendingToAFileWithAnotherHeaderFailsNamingTheFile() throws IOException {
        Path file = dir.resolve("raw.csv");
        Files.writeString(file, "run_id,task,tier,lane,runner,model,replication,attempt,status,score\n");

        assertThatThrownBy(() -> RawCsvWriter.open(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": line 1: not a raw.csv header")
                .hasMessageContaining("no column composite, correctness, process (and 23 more)");
        assertThat(Files.readString(file)).endsWith(",score\n"); // left untouched
    }

    @Test
    void readingAFileWithAnotherHeaderFailsNamingTheFile() throws IOException {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "a,b,c\n1,2,3\n");

        assertThatThrownBy(() -> RawCsvReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": line 1: not a raw.csv header")
                .hasMessageNotContaining("\n");
    }

    @Test
    void halfWrittenLastLineIsIgnoredNotHalfParsed() throws IOException {
        Path file = write(SampleRows.full());
        String half = RawCsvSchema.formatLine(SampleRows.sparse()).substring(0, 30);
        Files.writeString(file, half, java.nio.file.StandardOpenOption.APPEND);

        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.full());
    }

    @Test
    void halfWrittenQuotedFieldEndingInANewlineIsIgnored() throws IOException {
        Path file = write(SampleRows.sparse());
        String line = RawCsvSchema.formatLine(SampleRows.full());
        // Cut right after the newline inside the quoted evidence: the file ends in \n but the row is incomplete.
        String cut = line.substring(0, line.indexOf("fails\n") + "fails\n".length());
        Files.writeString(file, cut, java.nio.file.StandardOpenOption.APPEND);

        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.sparse());
    }

    @Test
    void rowCutRightAfterAClosingQuoteIsIgnored() throws IOException {
        Path file = write(SampleRows.sparse());
        String line = RawCsvSchema.formatLine(SampleRows.full());
        String cut = line.substring(0, line.indexOf("comma\"") + "comma\"".length());
        Files.writeString(file, cut, java.nio.file.StandardOpenOption.APPEND);

        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.sparse());
    }

    @Test
    void repairTailCutsTheHalfWrittenLineAndSaysSo() throws IOException {
        Path file = write(SampleRows.full());
        long complete = Files.size(file);
        Files.writeString(file, "run-1,task-x,t1", java.nio.file.StandardOpenOption.APPEND);

        assertThat(RawCsvReader.repairTail(file)).isTrue();
        assertThat(Files.size(file)).isEqualTo(complete);
        assertThat(RawCsvReader.repairTail(file)).isFalse();
        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.full());
    }

    @Test
    void reopeningAfterACrashRepairsTheTailSoRowsAreNeverGluedTogether() throws IOException {
        Path file = write(SampleRows.full());
        Files.writeString(file, "run-1,half", java.nio.file.StandardOpenOption.APPEND);

        write(SampleRows.sparse());

        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.full(), SampleRows.sparse());
    }

    @Test
    void halfWrittenHeaderCountsAsAnEmptyFile() throws IOException {
        Path file = dir.resolve("raw.csv");
        Files.writeString(file, "run_id,task,ti");

        assertThat(RawCsvReader.read(file)).isEmpty();
        write(SampleRows.sparse());
        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.sparse());
    }

    @Test
    void badNumberErrorNamesFileLineAndColumn() throws IOException {
        Path file = write(SampleRows.sparse(), SampleRows.sparse());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("infra_error,", "scored,abc"));
        Files.write(file, lines);

        assertThatThrownBy(() -> RawCsvReader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": line 3, column composite: 'abc' is not a number");
    }

    @Test
    void lineNumbersCountNewlinesInsideQuotedFields() throws IOException {
        Path file = write(SampleRows.full(), SampleRows.sparse());
        String text = Files.readString(file).replace(",infra_error,", ",crashed,");
        Files.writeString(file, text);

        // header on line 1, the full row on lines 2–3 (its evidence holds a newline), the sparse row on line 4
        assertThatThrownBy(() -> RawCsvReader.read(file))
                .hasMessage(file + ": line 4, column status: 'crashed' is not one of scored, infra_error, verify_error");
    }

    @Test
    void wrongFieldCountNamesTheLine() throws IOException {
        Path file = write(SampleRows.sparse());
        Files.writeString(file, "run-1,x,t1\n", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> RawCsvReader.read(file)).hasMessage(file + ": line 3: 3 fields, expected 37");
    }

    @Test
    void wholeNumberAndBooleanErrorsSayWhatWasExpected() throws IOException {
        Path file = write(SampleRows.full());
        String text = Files.readString(file).replace(",23,41,", ",23.5,41,");
        Files.writeString(file, text);
        assertThatThrownBy(() -> RawCsvReader.read(file)).hasMessageEndingWith("column turns: '23.5' is not a whole number");

        Files.writeString(file, text.replace(",23.5,41,", ",23,41,").replace(",true,1,", ",yes,1,"));
        assertThatThrownBy(() -> RawCsvReader.read(file)).hasMessageEndingWith("column route_ok: 'yes' is not true or false");
    }

    @Test
    void scoredRowWithoutCompositeIsRejectedOnWriteAndOnRead() throws IOException {
        RawRow bad = SampleRows.row("t", "t1_trivial", "l", "flat", "m", Status.SCORED, null, true);
        Path file = dir.resolve("raw.csv");
        try (RawCsvWriter w = RawCsvWriter.open(file)) {
            assertThatThrownBy(() -> w.append(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        Files.writeString(file, RawCsvSchema.formatLine(SampleRows.sparse()).replace("infra_error", "scored"),
                java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> RawCsvReader.read(file)).hasMessageContaining("line 2, column composite: empty");
    }

    @Test
    void blankLinesAndCrlfLineEndsAreTolerated() throws IOException {
        Path file = write(SampleRows.full(), SampleRows.sparse());
        Files.writeString(file, Files.readString(file).replace("\n", "\r\n") + "\r\n\n");

        List<RawRow> rows = RawCsvReader.read(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).isEqualTo(SampleRows.sparse());
        // inside quotes a CR is data, so the full row's evidence keeps it; outside it is part of the line end
        assertThat(rows.get(0).verifyEvidence()).isEqualTo(SampleRows.full().verifyEvidence().replace("\n", "\r\n"));
        assertThat(rows.get(0).harnessVersion()).isEqualTo("0.1.0");
    }

    @Test
    void rowsLongerThanTheReadBufferAreReadWhole() throws IOException {
        String evidence = "x,\"y\"\n".repeat(300_000); // ~1.8 MB in one field, more than the 1 MB read buffer
        RawRow big = withEvidence(SampleRows.full(), evidence);
        Path file = write(SampleRows.sparse(), big, SampleRows.sparse());

        List<RawRow> rows = RawCsvReader.read(file);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).verifyEvidence()).isEqualTo(evidence);
    }

    @Test
    void aBufferEdgeAtAnyByteOfARowChangesNothing() throws IOException {
        List<RawRow> rows = List.of(SampleRows.full(), SampleRows.sparse(),
                withEvidence(SampleRows.full(), "\"\"\n\"a\",b\n"), SampleRows.sparse());
        Path file = writeQuickly(rows);

        for (int size = 1; size <= 70; size++) {
            List<RawRow> read = new ArrayList<>();
            RawCsvReader.forEach(file, size, read::add);
            assertThat(read).as("buffer of %d bytes", size).isEqualTo(rows);
        }
    }

    @Test
    void aRowCutAtAnyByteIsIgnoredAndRepaired() throws IOException {
        RawRow last = withEvidence(SampleRows.full(), "a \"quoted\", multi\nline text");
        String complete = RawCsvSchema.HEADER_LINE + "\n" + RawCsvSchema.formatLine(SampleRows.sparse());
        String lastLine = RawCsvSchema.formatLine(last);
        Path file = dir.resolve("cut.csv");

        for (int cut = 0; cut < lastLine.length(); cut++) {
            Files.writeString(file, complete + lastLine.substring(0, cut));
            assertThat(RawCsvReader.read(file)).as("cut at %d", cut).containsExactly(SampleRows.sparse());
            assertThat(RawCsvReader.repairTail(file)).as("cut at %d", cut).isEqualTo(cut > 0);
            assertThat(Files.readString(file)).isEqualTo(complete);
        }
        Files.writeString(file, complete + lastLine);
        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.sparse(), last);
    }

    @Test
    void manyRowsStreamInOrderThroughBothReadPaths() throws IOException {
        List<RawRow> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            RawRow base = i % 3 == 0 ? SampleRows.full() : SampleRows.sparse();
            rows.add(withEvidence(base, i % 7 == 0 ? "line " + i + "\n\"quoted\", end" : null));
        }
        Path file = writeQuickly(rows);

        List<RawRow> read = new ArrayList<>();
        assertThat(RawCsvReader.forEach(file, 4096, read::add).rows()).isEqualTo(rows.size());
        assertThat(read).isEqualTo(rows);
        assertThat(ChunkedScanTest.readInChunks(file, 4096)).isEqualTo(rows.stream().map(ScoreRow::of).toList());
    }

    /** Writes rows without the writer's per-row fsync, which would make bulk tests slow. */
    private Path writeQuickly(List<RawRow> rows) throws IOException {
        Path file = dir.resolve("bulk.csv");
        StringBuilder text = new StringBuilder(RawCsvSchema.HEADER_LINE).append('\n');
        rows.forEach(r -> text.append(RawCsvSchema.formatLine(r)));
        Files.writeString(file, text);
        return file;
    }

    @Test
    void concurrentAppendsEachWriteWholeLines() throws Exception {
        Path file = dir.resolve("raw.csv");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (RawCsvWriter w = RawCsvWriter.open(file)) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        w.append(withEvidence(SampleRows.full(), "thread " + thread + ", row " + i + "\nend"));
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(RawCsvReader.read(file)).hasSize(100)
                .extracting(RawRow::verifyEvidence).doesNotHaveDuplicates().allMatch(e -> e.endsWith("\nend"));
    }

    @Test
    void aSecondWriterOnTheSameFileIsRefused() throws IOException {
        Path file = dir.resolve("raw.csv");
        try (RawCsvWriter first = RawCsvWriter.open(file)) {
            assertThatThrownBy(() -> RawCsvWriter.open(file)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(file.toString());
            first.append(SampleRows.sparse());
        }
        assertThat(RawCsvReader.read(file)).hasSize(1);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsSkippedByReaderAndWriter() throws IOException {
        Path file = dir.resolve("raw.csv");
        Files.write(file, ("\uFEFF" + RawCsvSchema.HEADER_LINE + "\n" + RawCsvSchema.formatLine(SampleRows.full()))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.full());
        write(SampleRows.sparse());
        assertThat(RawCsvReader.read(file)).containsExactly(SampleRows.full(), SampleRows.sparse());
    }

    @Test
    void aFolderGivenAsTheFileIsAOneLineErrorNamingIt() {
        assertThatThrownBy(() -> RawCsvReader.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingFileIsAOneLineError() {
        Path file = dir.resolve("nope.csv");
        assertThatThrownBy(() -> RawCsvReader.read(file)).hasMessage(file + ": no such file");
    }

    @Test
    void nonAsciiTextRoundTrips() throws IOException {
        RawRow row = withEvidence(SampleRows.full(), "Δ 4.16 – ✓ 完成");
        Path file = write(row);

        assertThat(RawCsvReader.read(file)).containsExactly(row);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("Δ 4.16 – ✓ 完成");
    }

    static RawRow withEvidence(RawRow r, String evidence) {
        return new RawRow(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), r.replication(),
                r.attempt(), r.status(), r.composite(), r.correctness(), r.process(), r.costEff(), r.timeEff(),
                r.quality(), evidence, r.timedOut(), r.wallS(), r.agentS(), r.verifyS(), r.turns(), r.toolCalls(),
                r.budgetViolations(), r.inputTokens(), r.cachedTokens(), r.outputTokens(), r.reasoningTokens(),
                r.costUsd(), r.servedModels(), r.routeOk(), r.agentExit(), r.error(), r.startedAt(), r.taskHash(),
                r.harnessVersion(), r.sandbox(), r.judgeCostUsd());
    }
}
