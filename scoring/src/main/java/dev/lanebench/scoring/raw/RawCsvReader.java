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

/**
 * Reads raw.csv files written by {@link RawCsvWriter}: all at once, or streamed row by row so a table over
 * millions of rows never holds them all.
 *
 * <p>Only complete rows are read: a last line without its newline (a writer stopped mid-row) is ignored,
 * never half-parsed. A file with no complete line yet (new, or its header half-written) has no rows.
 * Errors are {@link RawCsvException}s with a one-line message naming the file, line and column.
 */
public final class RawCsvReader {
    private RawCsvReader() {
    }

    /** All complete rows; a half-written last line (no trailing newline) is ignored. Bad header: IOException naming the file. */
    public static List<RawRow> read(Path file) throws IOException {
        List<RawRow> rows = new ArrayList<>();
        forEach(file, rows::add);
        return rows;
    }

    /**
     * Streams the complete rows to {@code sink} in file order, without keeping them.
     *
     * @return how many rows were passed on
     */
    public static long forEach(Path file, Consumer<? super RawRow> sink) throws IOException {
        return scan(file, RawCsvScanner.INITIAL_BUFFER, scanner -> sink.accept(RawCsvSchema.fromRecord(scanner)));
    }

    /** As {@link #forEach(Path, Consumer)} with a chosen read buffer size, for tests of buffer edges. */
    static long forEach(Path file, int bufferBytes, Consumer<? super RawRow> sink) throws IOException {
        return scan(file, bufferBytes, scanner -> sink.accept(RawCsvSchema.fromRecord(scanner)));
    }

    /** Checks the header, then hands each complete row's scanner to {@code perRow}; returns the row count. */
    private static long scan(Path file, int bufferBytes, RowHandler perRow) throws IOException {
        try (RawCsvScanner scanner = new RawCsvScanner(file, openForReading(file), true, bufferBytes)) {
            scanner.skipByteOrderMark();
            if (!scanner.next()) {
                return 0;
            }
            RawCsvSchema.checkHeader(file, scanner.fieldsAsText());
            long count = 0;
            while (scanner.next()) {
                scanner.requireColumnCount();
                perRow.accept(scanner);
                count++;
            }
            return count;
        } catch (RawCsvException e) {
            throw e;
        } catch (IOException e) {
            // e.g. a folder given where a file was expected: still one line that names the file
            throw new RawCsvException(file + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private interface RowHandler {
        void accept(RawCsvScanner scanner) throws RawCsvException;
    }

    /**
     * Streams only the columns tables need, as {@link ScoreRow}s: the fast path behind {@code lanebench table}.
     * Those columns, the header and every row's field count are checked as in {@link #forEach}; the other
     * columns are not parsed, so a bad value there goes unnoticed here (it does not affect any table).
     *
     * @return how many rows were passed on
     */
    public static long forEachScore(Path file, Consumer<? super ScoreRow> sink) throws IOException {
        return scan(file, RawCsvScanner.INITIAL_BUFFER,
                scanner -> sink.accept(RawCsvSchema.scoreRowFromRecord(scanner)));
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
        channel.position(0);
        // Quotes decide where records end (an evidence text may hold newlines), so scan from the start.
        RawCsvScanner scanner = new RawCsvScanner(file, channel, false);
        scanner.skipByteOrderMark();
        while (scanner.skip()) {
            // only the offset after the last complete record matters
        }
        return scanner.completeLength();
    }

    private static FileChannel openForReading(Path file) throws IOException {
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
