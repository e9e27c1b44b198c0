package dev.lanebench.runners.flat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one system prompt every flat lane gets, read from {@code flat/system-prompt.md} on the classpath. */
final class SystemPrompt {
    private static final String RESOURCE = "/flat/system-prompt.md";
    private static final String TEXT = load();

    private SystemPrompt() {
    }

    static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = SystemPrompt.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
