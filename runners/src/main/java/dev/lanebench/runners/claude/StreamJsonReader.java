package dev.lanebench.runners.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.upstream.WireJson;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the CLI's {@code --output-format stream-json} output line by line, as it arrives, into the
 * normalized transcript, and keeps what the outcome needs (the result line, the CLI version, turns seen).
 *
 * <p>A tool call is logged when its result comes back, so its {@code ok} is known; calls still waiting when
 * the output ends (the CLI was stopped) are logged at {@link #end()} with {@code ok=false}. Lines that are
 * not JSON objects are counted and skipped. Fed from one reader thread; {@link #end()} may race with a reader
 * that is still draining after a kill, hence the locking.
 */
final class StreamJsonReader {
    private static final int MAX_TEXT = 4000;

    private final AttemptLog log;
    private final Path workspace;
    private final Map<String, TranscriptEvent> pending = new LinkedHashMap<>();
    private final Set<String> mainMessageIds = new HashSet<>();
    private volatile ResultLine result;
    private volatile String cliVersion;
    private volatile int junkLines;
    private volatile int toolCalls;

    StreamJsonReader(AttemptLog log, Path workspace) {
        this.log = log;
        this.workspace = workspace;
    }

    synchronized void line(String line) {
        if (line == null || line.isBlank()) {
            return;
        }
        JsonNode n = WireJson.objectOrNull(line);
        if (n == null) {
            junkLines++;
            return;
        }
        switch (n.path("type").asText()) {
            case "system" -> system(n);
            case "assistant" -> assistant(n);
            case "user" -> user(n);
            case "result" -> result(n);
            default -> {
                // stream_event, rate-limit notices and future line types carry nothing the transcript needs.
            }
        }
    }

    private void system(JsonNode n) {
        String subtype = n.path("subtype").asText();
        if ("init".equals(subtype)) {
            if (n.hasNonNull("claude_code_version")) {
                cliVersion = n.get("claude_code_version").asText();
            }
        } else if ("api_retry".equals(subtype)) {
            log.event(TranscriptEvent.error("claude CLI retrying after API error "
                            + n.path("error_status").asText("?") + " (attempt " + n.path("attempt").asText("?")
                            + " of " + n.path("max_retries").asText("?") + ")")
                    .withDetail("retry_delay_ms", n.path("retry_delay_ms").asLong(0)));
        }
    }

    private void assistant(JsonNode n) {
        JsonNode message = n.path("message");
        String parent = n.path("parent_tool_use_id").asText(null);
        if (parent == null && message.hasNonNull("id")) {
            mainMessageIds.add(message.get("id").asText());
        }
        // stream-json prints one line per content block; the stop reason is there only when the CLI knew it.
        String stopReason = message.path("stop_reason").asText(null);
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> {
                    String text = block.path("text").asText("");
                    if (!text.isBlank()) {
                        TranscriptEvent e = TranscriptEvent.assistantText(shorten(text));
                        if (stopReason != null) {
                            e = e.withDetail("stop_reason", stopReason);
                        }
                        log.event(parent == null ? e : e.withDetail("parent_tool_use_id", parent));
                    }
                }
                case "tool_use" -> {
                    String name = block.path("name").asText("");
                    TranscriptEvent e = TranscriptEvent.toolCall(ClaudeTools.kind(name), name,
                            ClaudeTools.args(block.get("input"), workspace), false);
                    if (parent != null) {
                        e = e.withDetail("parent_tool_use_id", parent);
                    }
                    pending.put(block.path("id").asText(""), e);
                }
                default -> {
                    // thinking blocks are the model's private reasoning, not transcript actions
                }
            }
        }
    }

    private void user(JsonNode n) {
        JsonNode content = n.path("message").path("content");
        if (!content.isArray()) {
            return;
        }
        for (JsonNode block : content) {
            if (!"tool_result".equals(block.path("type").asText())) {
                continue;
            }
            TranscriptEvent call = pending.remove(block.path("tool_use_id").asText(""));
            if (call != null) {
                boolean ok = !block.path("is_error").asBoolean(false);
                emit(call.withOk(ok).withResult(resultText(block.get("content"))));
            }
        }
    }

    private void result(JsonNode n) {
        Integer status = n.hasNonNull("api_error_status") && n.get("api_error_status").canConvertToInt()
                ? n.get("api_error_status").asInt() : null;
        result = new ResultLine(
                n.path("subtype").asText(null),
                n.has("is_error") ? n.path("is_error").asBoolean() : null,
                n.hasNonNull("num_turns") ? n.get("num_turns").asInt() : null,
                n.path("terminal_reason").asText(null),
                status,
                n.path("stop_reason").asText(null),
                n.hasNonNull("result") ? shorten(n.get("result").asText()) : null);
        if (Boolean.TRUE.equals(result.isError())) {
            log.event(TranscriptEvent.error("claude CLI ended with an error: " + result.subtype()
                    + (result.terminalReason() == null ? "" : " / " + result.terminalReason())
                    + (status == null ? "" : " (API status " + status + ")")
                    + (result.result() == null || result.result().isBlank() ? "" : ": " + result.result())));
        }
    }

    /** A tool_result's content as the model read it: a string, or its text blocks joined (images named). */
    static String resultText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : content) {
            if (b.length() > 0) {
                b.append('\n');
            }
            switch (part.path("type").asText()) {
                case "text" -> b.append(part.path("text").asText(""));
                case "image" -> b.append("[image]");
                default -> b.append(part);
            }
        }
        return b.toString();
    }

    /** Logs the tool calls that never got a result (the CLI stopped first) as failed. */
    synchronized void end() {
        for (TranscriptEvent call : pending.values()) {
            emit(call.withDetail("result", "none (the CLI stopped before the tool returned)"));
        }
        pending.clear();
    }

    private void emit(TranscriptEvent e) {
        toolCalls++;
        log.event(e);
    }

    ResultLine result() {
        return result;
    }

    String cliVersion() {
        return cliVersion;
    }

    int junkLines() {
        return junkLines;
    }

    int toolCalls() {
        return toolCalls;
    }

    /** Distinct assistant messages of the main agent: the turn count when no result line says it. */
    synchronized int assistantTurns() {
        return mainMessageIds.size();
    }

    private static String shorten(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
    }
}
