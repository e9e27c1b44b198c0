package dev.lanebench.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanebench.runners.secrets.Redactor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A JSONL file the harness writes as things happen (a transcript, routes.jsonl): one redacted JSON object per
 * line, flushed at once, so a run killed mid-attempt keeps everything seen so far.
 */
public final class JsonLinesFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private final Redactor redactor;

    private JsonLinesFile(BufferedWriter out, Redactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    /** Appends to the file, creating it when missing (routes.jsonl across a resumed run). */
    public static JsonLinesFile appendTo(Path file, Redactor redactor) throws IOException {
        return new JsonLinesFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), redactor);
    }

    /** Starts the file afresh, creating its folder (an attempt's transcript, rewritten when the attempt is rerun). */
    public static JsonLinesFile create(Path file, Redactor redactor) throws IOException {
        Files.createDirectories(file.getParent());
        return new JsonLinesFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8), redactor);
    }

    /** Appends one line: a map, or any object Jackson writes as a JSON object. */
    public synchronized void append(Object line) {
        try {
            out.write(redactor.apply(JSON.writeValueAsString(line)));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
