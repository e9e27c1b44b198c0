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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends rows to a raw.csv, writing the header first when the file is new; each row is flushed and fsynced.
 *
 * <p>Opening an existing file first cuts a half-written last line (readers ignore it anyway), so the next row
 * starts on its own line and a resumed run never glues two rows together. A file of an older schema (a run
 * resumed by a newer lanebench) is first upgraded to the current header, its rows kept with the new columns
 * empty; a file with columns this version does not know is refused rather than appended to with rows that
 * lack them. The file is locked while open so a second writer, in this or another process, fails at
 * {@link #open} instead of interleaving rows.
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

    /**
     * Opens (creating with the header, or appending to an existing file of this schema; an older schema's file
     * is upgraded first).
     */
    public static RawCsvWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        while (true) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock = lock(file, channel);
                RawCsvReader.repairTail(file, channel);
                RawCsvHeader header = existingHeader(file, channel);
                if (header == null) {
                    channel.truncate(0);
                    writeFully(channel, HEADER_BYTES, 0);
                    channel.force(true);
                } else if (!header.isCurrent()) {
                    upgrade(file, channel, header);
                    channel.close(); // the file was replaced: open and lock the new one
                    continue;
                }
                channel.position(channel.size());
                return new RawCsvWriter(file, channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /**
     * Rewrites a file of an older schema with the current header, each row keeping its values and getting the
     * new columns empty (not measured). Written beside the file and renamed over it, so a crash leaves either
     * the old file or the new one, never half of each.
     */
    private static void upgrade(Path file, FileChannel channel, RawCsvHeader header) throws IOException {
        if (!header.isOlderPrefix()) {
            String why = header.unknownColumns().isEmpty()
                    ? "its columns are in another order than this lanebench writes them"
                    : "it has columns this lanebench does not know (" + String.join(", ", header.unknownColumns())
                            + "): a newer lanebench wrote it";
            throw new RawCsvException(file + ": line 1: cannot append rows: " + why);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".upgrading");
        int missing = RawCsvSchema.COLUMN_COUNT - header.fieldCount();
        RawCsvScanner scanner = new RawCsvScanner(file, channel, false);
        RawCsvReader.readHeader(file, scanner);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder(RawCsvSchema.HEADER_LINE).append('\n');
            while (scanner.next()) {
                scanner.requireColumnCount();
                List<String> fields = new ArrayList<>(scanner.fieldsAsText());
                for (int i = 0; i < missing; i++) {
                    fields.add("");
                }
                RawCsvSchema.FORMAT.printRecord(text, fields.toArray());
                if (text.length() > 1 << 20) {
                    writeFully(out, text.toString().getBytes(StandardCharsets.UTF_8), out.size());
                    text.setLength(0);
                }
            }
            writeFully(out, text.toString().getBytes(StandardCharsets.UTF_8), out.size());
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

    /** The file's header; null when it holds no record at all (new, or only blank lines). Not a raw.csv: an error naming it. */
    private static RawCsvHeader existingHeader(Path file, FileChannel channel) throws IOException {
        return RawCsvReader.readHeader(file, new RawCsvScanner(file, channel, false, 1 << 16));
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void writeFully(FileChannel channel, byte[] bytes, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = at;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }
}
