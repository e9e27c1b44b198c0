package dev.lanebench.runners.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One normalized transcript line other than a model call: {@code tool_call}, {@code assistant_text} or
 * {@code error}. The attempt log stamps {@code t_ms}.
 *
 * @param type   tool_call | assistant_text | error
 * @param tool   normalized kind, for tool_call only
 * @param name   the runner's own tool name (e.g. Write, read_file), for tool_call only
 * @param args   the tool's arguments as the agent gave them (paths, commands; large contents elided)
 * @param ok     whether the tool call succeeded, for tool_call only
 * @param text   assistant text or error message
 * @param detail anything else a runner wants to keep
 */
public record TranscriptEvent(
        String type, ToolKind tool, String name, Map<String, Object> args, Boolean ok, String text,
        Map<String, Object> detail) {

    public static TranscriptEvent toolCall(ToolKind tool, String name, Map<String, Object> args, boolean ok) {
        return new TranscriptEvent("tool_call", tool, name, args, ok, null, null);
    }

    public static TranscriptEvent assistantText(String text) {
        return new TranscriptEvent("assistant_text", null, null, null, null, text, null);
    }

    public static TranscriptEvent error(String text) {
        return new TranscriptEvent("error", null, null, null, null, text, null);
    }

    public TranscriptEvent withDetail(String key, Object value) {
        Map<String, Object> d = detail == null ? new LinkedHashMap<>() : new LinkedHashMap<>(detail);
        d.put(key, value);
        return new TranscriptEvent(type, tool, name, args, ok, text, d);
    }
}
