package dev.lanebench.runners.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An {@link OutputSink} that hands on whole UTF-8 lines (an agent CLI's JSON events), the last one at {@link #end}. */
public final class LineSink implements OutputSink {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LineSink(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void accept(byte[] buffer, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n') {
                pending.write(buffer, start, i - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(buffer, start, offset + length - start);
    }

    /** Hands on a last line that had no newline. */
    public synchronized void end() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
