package dev.lanebench.harness.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end of an attempt's transcript, as {@code show} prints it: the last few turns — each model call, the
 * model's text, each tool call with the start of what it returned, errors — one short block per event. A turn
 * begins at a successful call of the lane's main model.
 */
public final class TranscriptTail {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RESULT_LINES = 6;
    private static final int LINE_CHARS = 160;

    private TranscriptTail() {
    }

    /** The events of the last {@code turns} turns, rendered; {@code skipped} tells how many turns came before. */
    public record Tail(List<String> lines, int turnsShown, int turnsTotal) {
    }

    public static Tail of(Path transcript, int turns) {
        List<JsonNode> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(transcript)) {
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n != null && n.isObject()) {
                        events.add(n);
                    }
                } catch (IOException junk) {
                    // a line cut off by a kill: the rest of the transcript still reads
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if ("model_call".equals(e.path("type").asText()) && e.path("ok").asBoolean(false)
                    && !"small".equals(e.path("role").asText())) {
                starts.add(i);
            }
        }
        int from = starts.size() <= turns ? 0 : starts.get(starts.size() - turns);
        List<String> lines = new ArrayList<>();
        for (JsonNode e : events.subList(from, events.size())) {
            lines.addAll(render(e));
        }
        return new Tail(lines, Math.min(turns, starts.size()), starts.size());
    }

    static List<String> render(JsonNode e) {
        String at = String.format(Locale.ROOT, "[%7.1fs] ", e.path("t_ms").asLong() / 1000.0);
        String pad = " ".repeat(at.length());
        List<String> out = new ArrayList<>();
        switch (e.path("type").asText()) {
            case "model_call" -> {
                StringBuilder b = new StringBuilder(at).append("model ").append(e.path("role").asText("main"))
                        .append(' ').append(e.path("model_requested").asText("?"));
                if (e.hasNonNull("model_served") && !e.path("model_served").asText().equals(e.path("model_requested").asText())) {
                    b.append(" (served by ").append(e.path("model_served").asText()).append(')');
                }
                b.append(" → ").append(e.path("ok").asBoolean() ? "ok" : "FAILED").append(' ').append(e.path("status").asInt());
                if (e.hasNonNull("stop_reason")) {
                    b.append(", stop ").append(e.path("stop_reason").asText());
                }
                if (e.hasNonNull("input_tokens") || e.hasNonNull("output_tokens")) {
                    b.append(", tokens ").append(e.path("input_tokens").asLong()).append(" in / ")
                            .append(e.path("output_tokens").asLong()).append(" out");
                }
                b.append(", ").append(e.path("latency_ms").asLong()).append(" ms");
                if (e.hasNonNull("error")) {
                    b.append(" — ").append(clip(e.path("error").asText()));
                }
                out.add(b.toString());
            }
            case "tool_call" -> {
                StringBuilder b = new StringBuilder(at).append("tool ").append(e.path("name").asText("?"))
                        .append(" (").append(e.path("tool").asText("other")).append(") ").append(args(e.path("args")))
                        .append(" → ").append(e.path("ok").asBoolean() ? "ok" : "failed");
                if (e.hasNonNull("result_bytes")) {
                    b.append(", ").append(e.path("result_bytes").asLong()).append(" bytes back");
                }
                out.add(b.toString());
                if (e.hasNonNull("result")) {
                    List<String> result = e.path("result").asText().lines().toList();
                    for (String l : result.subList(0, Math.min(RESULT_LINES, result.size()))) {
                        out.add(pad + "| " + clip(l));
                    }
                    if (result.size() > RESULT_LINES) {
                        out.add(pad + "| … " + (result.size() - RESULT_LINES) + " more lines in the transcript");
                    }
                }
            }
            case "assistant_text" -> {
                List<String> text = e.path("text").asText("").strip().lines().toList();
                out.add(at + "says: " + (text.isEmpty() ? "" : clip(text.get(0))));
                for (String l : text.subList(Math.min(1, text.size()), Math.min(RESULT_LINES, text.size()))) {
                    out.add(pad + "      " + clip(l));
                }
                if (text.size() > RESULT_LINES) {
                    out.add(pad + "      … " + (text.size() - RESULT_LINES) + " more lines");
                }
            }
            case "error" -> out.add(at + "error: " + clip(e.path("text").asText("")));
            default -> out.add(at + e.path("type").asText("?") + " " + clip(e.toString()));
        }
        return out;
    }

    /** The arguments worth seeing: the path or the command, else the whole object, clipped. */
    private static String args(JsonNode args) {
        if (args.hasNonNull("command")) {
            return "`" + clip(args.path("command").asText()) + "`";
        }
        if (args.hasNonNull("path")) {
            return args.path("path").asText();
        }
        return args.isMissingNode() || args.isEmpty() ? "" : clip(args.toString());
    }

    private static String clip(String s) {
        String one = s.replace('\t', ' ').replace("\r", "");
        return one.length() <= LINE_CHARS ? one : one.substring(0, LINE_CHARS - 1) + "…";
    }
}
