package dev.lanebench.scoring.raw;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads raw.csv files written by {@link RawCsvWriter}. */
public final class RawCsvReader {
    private RawCsvReader() {
    }

    /** All complete rows; a half-written last line (no trailing newline) is ignored. Bad header: IOException naming the file. */
    public static List<RawRow> read(Path file) throws IOException {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    /** Truncates a half-written last line in place so appending can continue; returns whether it cut anything. */
    public static boolean repairTail(Path file) throws IOException {
        throw new UnsupportedOperationException("scoring helper implements");
    }
}
