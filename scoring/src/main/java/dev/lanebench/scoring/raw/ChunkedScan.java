package dev.lanebench.scoring.raw;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads the score columns of one raw.csv on several threads: the file is cut into chunks that each start on
 * a record, and each chunk is scanned into a sink of its own.
 *
 * <p>Where a record starts cannot be told from the bytes near a cut, because a quoted evidence text may hold
 * newlines. But in RFC 4180 every quote byte opens, closes or doubles inside a quoted field, so a position is
 * inside quotes exactly when an odd number of quote bytes precede it. So a first pass counts the quotes of
 * every chunk (in parallel, eight bytes at a time), and each chunk then starts right after the first newline
 * past its nominal cut that has an even number of quotes before it. Exact, whatever the evidence holds.
 */
final class ChunkedScan {
    /** Below this a file is read on one thread: starting threads would cost more than it saves. */
    static final long PARALLEL_MIN_BYTES = 4L << 20;
    /** Chunks of about this size: many more than threads, so a thread that is slowed down delays little. */
    static final long CHUNK_BYTES = 8L << 20;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private ChunkedScan() {
    }

    static <S extends Consumer<ScoreRow>> RawCsvReader.Chunks<S> run(Path file, FileChannel channel, int threads,
            Supplier<S> newSink) throws IOException {
        return run(file, channel, threads, newSink, PARALLEL_MIN_BYTES, CHUNK_BYTES);
    }

    /** With chosen thresholds, so tests can cut a small file into many chunks. */
    static <S extends Consumer<ScoreRow>> RawCsvReader.Chunks<S> run(Path file, FileChannel channel, int threads,
            Supplier<S> newSink, long parallelMin, long chunkBytes) throws IOException {
        RawCsvScanner first = new RawCsvScanner(file, channel, false);
        RawCsvHeader header = RawCsvReader.readHeader(file, first);
        if (header == null) {
            return new RawCsvReader.Chunks<>(RawCsvHeader.current(), 0, List.of());
        }
        long dataStart = first.completeLength();
        long size = channel.size();
        if (threads <= 1 || size - dataStart < parallelMin) {
            S sink = newSink.get();
            long rows = scanRegion(first, sink);
            return new RawCsvReader.Chunks<>(header, rows, List.of(sink));
        }
        int chunks = (int) Math.max(threads, Math.min(4096, (size - dataStart + chunkBytes - 1) / chunkBytes));
        long[] cut = new long[chunks + 1]; // nominal cuts: chunk i holds the records starting in [cut[i], cut[i+1])
        for (int i = 0; i <= chunks; i++) {
            cut[i] = dataStart + (size - dataStart) * i / chunks;
        }
        List<S> sinks = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            sinks.add(newSink.get());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lanebench-raw-csv");
            t.setDaemon(true);
            return t;
        });
        try {
            // Pass 1: quote parity of each span [cut[i] - 1, cut[i+1] - 1), the last one unneeded.
            List<Future<Long>> parity = new ArrayList<>(chunks);
            for (int i = 0; i < chunks - 1; i++) {
                long from = i == 0 ? dataStart : cut[i] - 1;
                long to = cut[i + 1] - 1;
                parity.add(pool.submit(() -> countQuotes(channel, from, to)));
            }
            boolean[] inQuotes = new boolean[chunks];
            long quotes = 0;
            for (int i = 1; i < chunks; i++) {
                quotes += get(parity.get(i - 1));
                inQuotes[i] = (quotes & 1) == 1;
            }
            // Pass 2: each chunk finds its first record and scans to its cut.
            List<Future<Long>> counts = new ArrayList<>(chunks);
            for (int i = 0; i < chunks; i++) {
                int chunk = i;
                counts.add(pool.submit(() -> {
                    long start = chunk == 0 ? dataStart : firstRecordAfter(channel, cut[chunk] - 1, inQuotes[chunk]);
                    long end = chunk == chunks - 1 ? Long.MAX_VALUE : cut[chunk + 1];
                    if (start >= end) {
                        return 0L; // one record spans the whole chunk: the chunk before reads it
                    }
                    RawCsvScanner scanner = new RawCsvScanner(file, channel, false, RawCsvScanner.INITIAL_BUFFER,
                            start, end);
                    scanner.useHeader(header);
                    return scanRegion(scanner, sinks.get(chunk));
                }));
            }
            long rows = 0;
            for (Future<Long> count : counts) {
                rows += get(count); // in file order, so the first failing chunk's error is the one thrown
            }
            return new RawCsvReader.Chunks<>(header, rows, sinks);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long scanRegion(RawCsvScanner scanner, Consumer<ScoreRow> sink) throws IOException {
        long rows = 0;
        while (scanner.next()) {
            scanner.requireColumnCount();
            sink.accept(RawCsvSchema.scoreRowFromRecord(scanner));
            rows++;
        }
        return rows;
    }

    private static long get(Future<Long> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** How many quote bytes lie in [from, to) of the file. */
    static long countQuotes(FileChannel channel, long from, long to) throws IOException {
        long count = 0;
        long at = from;
        while (at < to) {
            long len = Math.min(to - at, 1L << 30);
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, at, len);
            ByteBuffer b = map.order(ByteOrder.LITTLE_ENDIAN);
            int n = (int) len;
            int i = 0;
            for (; i + Long.BYTES <= n; i += Long.BYTES) {
                long x = b.getLong(i) ^ QUOTES;
                // exact high bit in every zero byte (no borrow between bytes, unlike the faster test)
                count += Long.bitCount(~(((x & LOW7) + LOW7) | x | LOW7));
            }
            for (; i < n; i++) {
                if (b.get(i) == '"') {
                    count++;
                }
            }
            at += len;
        }
        return count;
    }

    /**
     * The offset just after the first newline at or after {@code from} that lies outside quotes, given whether
     * {@code from} itself is inside quotes; the file size when there is none.
     */
    static long firstRecordAfter(FileChannel channel, long from, boolean inQuotes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 14);
        long at = from;
        boolean quoted = inQuotes;
        while (true) {
            b.clear();
            int n = channel.read(b, at);
            if (n <= 0) {
                return channel.size();
            }
            for (int i = 0; i < n; i++) {
                byte c = b.get(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\n' && !quoted) {
                    return at + i + 1;
                }
            }
            at += n;
        }
    }
}
