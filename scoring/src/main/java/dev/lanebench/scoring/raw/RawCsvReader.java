package dev.lanebench.scoring.raw;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads raw.csv files written by {@link RawCsvWriter}, of this schema or any other: all at once, streamed row
 * by row, or only the score columns in chunks on several threads, so a table over millions of rows never
 * holds them.
 *
 * <p>Columns are found by header name: a file of an older schema reads with the newer columns empty, and a
 * file with columns this version does not know reads with those ignored ({@link RawCsvHeader} says which).
 * Only complete rows are read: a last line without its newline (a writer stopped mid-row) is ignored, never
 * half-parsed. A file with no complete line yet (new, or its header half-written) has no rows. Errors are
 * {@link RawCsvException}s with a one-line message naming the file, line and column.
 */
public final class RawCsvReader {
    private RawCsvReader() {
    }

    /** What reading one file found: its header (the current schema's for a file with no header yet) and the row count. */
    public record Summary(RawCsvHeader header, long rows) {
    }

    /**
     * A file read in chunks: each chunk's rows went to its own sink, and {@code sinks} are in file order, so
     * merging them in that order sees the rows in file order.
     */
    public record Chunks<S>(RawCsvHeader header, long rows, List<S> sinks) {
    }

    /** All complete rows; a half-written last line (no trailing newline) is ignored. Bad header: IOException naming the file. */
    public static List<RawRow> read(Path file) throws IOException {
        List<RawRow> rows = new ArrayList<>();
        forEach(file, rows::add);
        return rows;
    }

    /** Streams the complete rows to {@code sink} in file order, without keeping them. */
    public static Summary forEach(Path file, Consumer<? super RawRow> sink) throws IOException {
        return scan(file, RawCsvScanner.INITIAL_BUFFER, scanner -> sink.accept(RawCsvSchema.fromRecord(scanner)));
    }

    /** As {@link #forEach(Path, Consumer)} with a chosen read buffer size, for tests of buffer edges. */
    static Summary forEach(Path file, int bufferBytes, Consumer<? super RawRow> sink) throws IOException {
        return scan(file, bufferBytes, scanner -> sink.accept(RawCsvSchema.fromRecord(scanner)));
    }

    /**
     * The score columns of every row, split over {@code threads} threads: the file is cut into chunks at
     * record boundaries, each chunk's rows go to a sink of its own (made by {@code newSink} on the calling
     * thread, in file order) as {@link ScoreRecord}s read without making objects, and the sinks come back in
     * file order for the caller to merge. Small files are one chunk. The header, every row's field count and
     * the columns read are checked as in {@link #forEach}; the other columns are not parsed, so a bad value
     * there goes unnoticed (it does not affect any table). The first error in file order is the one thrown.
     */
    public static <S extends ScoreSink> Chunks<S> forEachScoreInChunks(Path file, int threads,
            Supplier<S> newSink) throws IOException {
        try (FileChannel channel = openForReading(file)) {
            return ChunkedScan.run(file, channel, threads, newSink);
        } catch (RawCsvException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The file's header, read without reading its rows; the current schema's when the file has none yet. */
    public static RawCsvHeader header(Path file) throws IOException {
        try (RawCsvScanner scanner = new RawCsvScanner(file, openForReading(file), true, 1 << 16)) {
            return readHeader(file, scanner);
        } catch (RawCsvException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads and checks the header record, if there is one, and points the scanner at its columns. */
    static RawCsvHeader readHeader(Path file, RawCsvScanner scanner) throws IOException {
        scanner.skipByteOrderMark();
        if (!scanner.next()) {
            return null;
        }
        RawCsvHeader header = RawCsvHeader.parse(file, scanner.fieldsAsText());
        scanner.useHeader(header);
        return header;
    }

    /** Checks the header, then hands each complete row's scanner to {@code perRow}. */
    private static Summary scan(Path file, int bufferBytes, RowHandler perRow) throws IOException {
        try (RawCsvScanner scanner = new RawCsvScanner(file, openForReading(file), true, bufferBytes)) {
            RawCsvHeader header = readHeader(file, scanner);
            if (header == null) {
                return new Summary(RawCsvHeader.current(), 0);
            }
            long count = 0;
            while (scanner.next()) {
                scanner.requireColumnCount();
                perRow.accept(scanner);
                count++;
            }
            return new Summary(header, count);
        } catch (RawCsvException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    interface RowHandler {
        void accept(RawCsvScanner scanner) throws IOException;
    }

    /** e.g. a folder given where a file was expected: still one line that names the file. */
    static RawCsvException unreadable(Path file, IOException e) {
        return new RawCsvException(file + ": cannot be read (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }

    /** Truncates a half-written last line in place so appending can continue; returns whether it cut anything. */
    public static boolean repairTail(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return repairTail(file, channel);
        } catch (NoSuchFileException e) {
            throw new RawCsvException(file + ": no such file");
        }
    }

    /** As {@link #repairTail(Path)}, on a channel the caller holds open for writing. */
    static boolean repairTail(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        long complete = completeLength(file, channel);
        if (complete == size) {
            return false;
        }
        // No fsync: should the cut be lost in a crash, the tail comes back, is ignored by readers, and is cut again.
        channel.truncate(complete);
        return true;
    }

    /** Bytes from the start of the file up to and including the newline of its last complete record. */
    private static long completeLength(Path file, FileChannel channel) throws IOException {
        // Quotes decide where records end (an evidence text may hold newlines), so scan from the start.
        RawCsvScanner scanner = new RawCsvScanner(file, channel, false);
        scanner.skipByteOrderMark();
        while (scanner.skip()) {
            // only the offset after the last complete record matters
        }
        return scanner.completeLength();
    }

    static FileChannel openForReading(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new RawCsvException(file + ": is a folder, expected a raw.csv file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new RawCsvException(file + ": no such file");
        }
    }
}
