package dev.lanebench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The agent's final answer: the last {@code assistant_text} of its normalized transcript. */
final class FinalAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FinalAnswer() {
    }

    /** The text, or null when the transcript holds none (or does not exist); unreadable lines are passed over. */
    static String of(Path transcript) throws IOException {
        String last = null;
        try (BufferedReader in = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.contains("\"assistant_text\"")) {
                    continue; // most lines are tool and model calls: skip them unparsed
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException junk) {
                    continue; // a half-written last line of a killed attempt
                }
                if (n != null && "assistant_text".equals(n.path("type").asText()) && n.path("text").isTextual()
                        && !n.path("text").asText().isBlank()) {
                    last = n.path("text").asText();
                }
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        return last;
    }
}
