package dev.lanebench.runners.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.upstream.WireJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the codex CLI's {@code exec --json} events line by line, as they arrive, into the normalized
 * transcript, and keeps what the outcome needs: whether the turn completed or failed (the CLI can exit 0 after
 * a failed turn, so this, not the exit code, says how it went), its error, and the CLI's own usage report.
 *
 * <p>{@code item.completed} becomes a transcript event: {@code command_execution} a tool call of the kind its
 * command is ({@link CodexTools#commandKind}), each change of a {@code file_change} a write or edit,
 * {@code agent_message} assistant text, an {@code error} item or event an error. Lines that are not JSON
 * objects are counted and skipped. Fed from one reader thread.
 */
final class CodexEvents {
    private static final int MAX_TEXT = 4000;

    /** How the turn ended, as the CLI reported it. */
    enum Turn { MISSING, COMPLETED, FAILED }

    private final AttemptLog log;
    private final Path workspace;
    private volatile Turn turn = Turn.MISSING;
    private volatile String failure;
    private volatile String threadId;
    private volatile JsonNode usage;
    private volatile int junkLines;

    /** @param workspace the workspace as the CLI sees it, to make paths relative */
    CodexEvents(AttemptLog log, Path workspace) {
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
            case "thread.started" -> threadId = n.path("thread_id").asText(null);
            case "item.completed" -> item(n.path("item"));
            case "turn.completed" -> {
                turn = Turn.COMPLETED;
                usage = n.get("usage");
            }
            case "turn.failed" -> {
                turn = Turn.FAILED;
                failure = n.path("error").path("message").asText("turn failed");
                log.event(TranscriptEvent.error("codex CLI: turn failed: " + shorten(failure)));
            }
            case "error" -> log.event(TranscriptEvent.error("codex CLI: " + shorten(n.path("message").asText(""))));
            default -> {
                // thread.started, turn.started, item.started/updated: the completed item says it all
            }
        }
    }

    private void item(JsonNode item) {
        String type = item.path("type").asText();
        boolean completed = !"failed".equals(item.path("status").asText());
        switch (type) {
            case "command_execution" -> {
                String command = item.path("command").asText("");
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("command", CodexTools.shorten(CodexTools.script(command)));
                JsonNode code = item.get("exit_code");
                boolean ok = completed && code != null && code.canConvertToInt() && code.asInt() == 0;
                TranscriptEvent e = TranscriptEvent.toolCall(CodexTools.commandKind(command), "command_execution", args, ok)
                        .withResult(item.path("aggregated_output").asText(""));
                log.event(code != null && code.canConvertToInt() ? e.withDetail("exit_code", code.asInt()) : e);
            }
            case "file_change" -> {
                for (JsonNode change : item.path("changes")) {
                    Map<String, Object> args = new LinkedHashMap<>();
                    String path = change.path("path").asText("");
                    String rel = CodexTools.relative(path, workspace);
                    args.put("path", rel != null ? rel : path);
                    args.put("change", change.path("kind").asText(""));
                    log.event(TranscriptEvent.toolCall(CodexTools.changeKind(change.path("kind").asText()),
                            "apply_patch", args, completed));
                }
            }
            case "mcp_tool_call" -> {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("server", item.path("server").asText(""));
                args.put("tool", item.path("tool").asText(""));
                JsonNode result = item.hasNonNull("error") ? item.get("error") : item.get("result");
                log.event(TranscriptEvent.toolCall(ToolKind.OTHER, "mcp_tool_call", args, completed)
                        .withResult(result == null ? null : result.isTextual() ? result.asText() : result.toString()));
            }
            case "web_search" -> {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("query", CodexTools.shorten(item.path("query").asText("")));
                log.event(TranscriptEvent.toolCall(ToolKind.OTHER, "web_search", args, completed));
            }
            case "agent_message" -> {
                String text = item.path("text").asText("");
                if (!text.isBlank()) {
                    log.event(TranscriptEvent.assistantText(shorten(text)));
                }
            }
            case "error" -> log.event(TranscriptEvent.error("codex CLI: " + shorten(item.path("message").asText(""))));
            default -> {
                // reasoning is the model's private thinking; todo lists are its notes
            }
        }
    }

    Turn turn() {
        return turn;
    }

    String failure() {
        return failure;
    }

    String threadId() {
        return threadId;
    }

    /** The CLI's own usage report of the turn (for the record; tokens and cost come from the proxy). */
    JsonNode usage() {
        return usage;
    }

    int junkLines() {
        return junkLines;
    }

    private static String shorten(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
    }
}
