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
import java.util.Map;

/** The run's routes.jsonl: every upstream model call of every attempt, one JSON line each, flushed as it comes. */
public final class RoutesLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private final Redactor redactor;

    public RoutesLog(Path file, Redactor redactor) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.redactor = redactor;
    }

    public synchronized void append(Map<String, Object> line) {
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
