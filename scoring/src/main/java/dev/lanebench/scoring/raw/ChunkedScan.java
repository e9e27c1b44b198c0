package dev.lanebench.scoring.raw;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Reads the score columns of one raw.csv on several threads: the file is cut into chunks that each start on
 * a record, and each chunk is scanned into a sink of its own.
 *
 * <p>Where a record starts cannot be told for sure from the bytes near a cut, because a quoted evidence text
 * may hold newlines. So each chunk guesses (just after the first newline past its cut) and is scanned on that
 * guess; then the chunks are checked in file order, each against where the chunk before it really ended. A
 * right guess (nearly always: only a cut inside a multi-line evidence text misleads it) keeps its result; a
 * wrong one is scanned again from the right place. A guessed chunk's errors count only once its start is
 * confirmed, so text inside a quoted field that happens to look broken never fails a read.
 */
final class ChunkedScan {
    /** Below this a file is read on one thread: starting threads would cost more than it saves. */
    static final long PARALLEL_MIN_BYTES = 4L << 20;
    /** Chunks of about this size: many more than threads, so a thread that is slowed down delays little. */
    static final long CHUNK_BYTES = 8L << 20;

    private ChunkedScan() {
    }

    /** What scanning one chunk from a start gave: where its records ended, or the error it met. */
    private record Part<S>(long start, S sink, long rows, long end, IOException error) {
    }

    static <S extends ScoreSink> RawCsvReader.Chunks<S> run(Path file, FileChannel channel, int threads,
            Supplier<S> newSink) throws IOException {
        return run(file, channel, threads, newSink, PARALLEL_MIN_BYTES, CHUNK_BYTES);
    }

    /** With chosen thresholds, so tests can cut a small file into many chunks. */
    static <S extends ScoreSink> RawCsvReader.Chunks<S> run(Path file, FileChannel channel, int threads,
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
        List<S> guessSinks = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            guessSinks.add(newSink.get());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lanebench-raw-csv");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Part<S>>> guesses = new ArrayList<>(chunks);
            for (int i = 0; i < chunks; i++) {
                int chunk = i;
                guesses.add(pool.submit(() -> {
                    long start = chunk == 0 ? dataStart : afterNewline(channel, cut[chunk] - 1);
                    return scan(file, channel, header, start, end(cut, chunk), chunk > 0, guessSinks.get(chunk));
                }));
            }
            List<S> sinks = new ArrayList<>(chunks);
            long rows = 0;
            long expected = dataStart;
            for (int i = 0; i < chunks; i++) {
                Part<S> part = get(guesses.get(i));
                if (part.start() != expected || part.error() != null) {
                    // a wrong guess, or an error to be reported with its line: scan again from the right place
                    part = scan(file, channel, header, expected, end(cut, i), false, newSink.get());
                    if (part.error() != null) {
                        throw part.error();
                    }
                }
                sinks.add(part.sink());
                rows += part.rows();
                expected = part.end();
            }
            return new RawCsvReader.Chunks<>(header, rows, sinks);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long end(long[] cut, int chunk) {
        return chunk == cut.length - 2 ? Long.MAX_VALUE : cut[chunk + 1];
    }

    /**
     * Scans the records starting in [start, end) into {@code sink}. A guessed start's errors are kept, not
     * thrown, and cost no line count: they matter only if the guess turns out right.
     */
    private static <S extends ScoreSink> Part<S> scan(Path file, FileChannel channel, RawCsvHeader header,
            long start, long end, boolean guessed, S sink) {
        if (start >= end) {
            return new Part<>(start, sink, 0, start, null); // one record spans the whole chunk: the one before reads it
        }
        RawCsvScanner scanner = new RawCsvScanner(file, channel, false, RawCsvScanner.INITIAL_BUFFER, start, end);
        scanner.useHeader(header);
        scanner.countLines(!guessed);
        try {
            long rows = scanRegion(scanner, sink);
            return new Part<>(start, sink, rows, scanner.completeLength(), null);
        } catch (IOException e) {
            return new Part<>(start, sink, 0, start, e);
        } catch (RuntimeException e) {
            if (guessed) {
                return new Part<>(start, sink, 0, start, new IOException(e));
            }
            throw e;
        }
    }

    private static long scanRegion(RawCsvScanner scanner, ScoreSink sink) throws IOException {
        long rows = 0;
        while (scanner.next()) {
            scanner.requireColumnCount();
            sink.accept(scanner);
            rows++;
        }
        return rows;
    }

    private static <T> T get(Future<T> f) throws IOException {
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

    /** The offset just after the first newline at or after {@code from}; the file size when there is none. */
    static long afterNewline(FileChannel channel, long from) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 12);
        long at = from;
        while (true) {
            b.clear();
            int n = channel.read(b, at);
            if (n <= 0) {
                return channel.size();
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) == '\n') {
                    return at + i + 1;
                }
            }
            at += n;
        }
    }
}
