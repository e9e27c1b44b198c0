package dev.lanebench.runners.upstream;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Splits a server-sent-events body into events' data, one event at a time as the bytes arrive. Comment lines
 * (OpenRouter's {@code : OPENROUTER PROCESSING} keep-alives) and fields other than {@code data} are skipped.
 */
final class SseReader {
    private final BufferedSource source;

    SseReader(BufferedSource source) {
        this.source = source;
    }

    /** The next event's data (multi-line data joined with newlines), or null when the body ends. */
    String next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (line.startsWith("data:")) {
                String v = line.substring(5);
                if (v.startsWith(" ")) {
                    v = v.substring(1);
                }
                if (data == null) {
                    data = new StringBuilder(v);
                } else {
                    data.append('\n').append(v);
                }
            }
        }
        return data == null ? null : data.toString();
    }
}
