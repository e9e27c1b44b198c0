package dev.lanebench.scoring.raw;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Appends rows to a raw.csv, writing the header first when the file is new; each row is flushed and fsynced. */
public final class RawCsvWriter implements Closeable {
    /** Opens (creating with the header, or appending to an existing file whose header must match). */
    public static RawCsvWriter open(Path file) throws IOException {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    /** Writes one row and fsyncs before returning. Thread-safe. */
    public synchronized void append(RawRow row) throws IOException {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    @Override
    public void close() throws IOException {
    }
}
