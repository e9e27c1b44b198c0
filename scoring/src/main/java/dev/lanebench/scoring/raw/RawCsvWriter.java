package dev.lanebench.scoring.raw;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends rows to a raw.csv, writing the header first when the file is new; each row is flushed and fsynced.
 *
 * <p>Opening an existing file first cuts a half-written last line (readers ignore it anyway), so the next row
 * starts on its own line and a resumed run never glues two rows together. The file is locked while open so a
 * second writer, in this or another process, fails at {@link #open} instead of interleaving rows.
 */
public final class RawCsvWriter implements Closeable {
    private static final byte[] HEADER_BYTES = (RawCsvSchema.HEADER_LINE + "\n").getBytes(StandardCharsets.UTF_8);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;
    private boolean broken;

    private RawCsvWriter(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Opens (creating with the header, or appending to an existing file whose header must match). */
    public static RawCsvWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = lock(file, channel);
            RawCsvReader.repairTail(file, channel);
            if (!hasMatchingHeader(file, channel)) {
                channel.truncate(0);
                channel.position(0);
                writeFully(channel, HEADER_BYTES);
                channel.force(true);
            }
            channel.position(channel.size());
            return new RawCsvWriter(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Writes one row and fsyncs before returning. Thread-safe. */
    public synchronized void append(RawRow row) throws IOException {
        if (closed) {
            throw new IOException(file + ": writer is closed");
        }
        if (broken) {
            throw new IOException(file + ": an earlier write failed and could not be undone; reopen the file");
        }
        byte[] line = RawCsvSchema.formatLine(row).getBytes(StandardCharsets.UTF_8);
        long before = channel.position();
        try {
            writeFully(channel, line);
            channel.force(true);
        } catch (IOException e) {
            // Undo the partial line so the next append does not continue it; if even that fails, stop writing.
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException undo) {
                broken = true;
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    private static FileLock lock(Path file, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IOException(file + ": already open for writing in this process");
        } catch (IOException e) {
            return null; // the file system has no locks: carry on unguarded rather than refuse to run
        }
        if (lock == null) {
            throw new IOException(file + ": already being written by another process");
        }
        return lock;
    }

    /** True when the file starts with the schema's header; false when it holds no record at all (only blank lines). */
    private static boolean hasMatchingHeader(Path file, FileChannel channel) throws IOException {
        channel.position(0);
        RawCsvScanner scanner = new RawCsvScanner(file, channel, false);
        scanner.skipByteOrderMark();
        if (!scanner.next()) {
            return false;
        }
        RawCsvSchema.checkHeader(file, scanner.fieldsAsText());
        return true;
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
