package dev.lanebench.runners.agent;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One normalized transcript line other than a model call: {@code tool_call}, {@code assistant_text} or
 * {@code error}. The attempt log stamps {@code t_ms}. The line format is documented in docs/reference.md
 * ("Transcripts"); a runner fills the fields it knows and leaves the rest null.
 *
 * @param type        tool_call | assistant_text | error
 * @param tool        normalized kind, for tool_call only
 * @param name        the runner's own tool name (e.g. Write, read_file), for tool_call only
 * @param args        the tool's arguments as the agent gave them (paths, commands; large contents elided)
 * @param ok          whether the tool call succeeded, for tool_call only
 * @param text        assistant text or error message
 * @param detail      anything else a runner wants to keep
 * @param result      tool_call only: what the agent got back, capped by {@link #withResult(String)}
 * @param resultBytes tool_call only: the size in UTF-8 bytes of the whole result before the cap
 */
public record TranscriptEvent(
        String type, ToolKind tool, String name, Map<String, Object> args, Boolean ok, String text,
        Map<String, Object> detail, String result, Long resultBytes) {

    /** A tool result keeps its first 2 KiB and last 1 KiB; the transcript says how many bytes were left out. */
    public static final int RESULT_HEAD_BYTES = 2048;
    public static final int RESULT_TAIL_BYTES = 1024;

    /** An event without a tool result. */
    public TranscriptEvent(String type, ToolKind tool, String name, Map<String, Object> args, Boolean ok, String text,
                           Map<String, Object> detail) {
        this(type, tool, name, args, ok, text, detail, null, null);
    }

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
        return new TranscriptEvent(type, tool, name, args, ok, text, d, result, resultBytes);
    }

    /** The tool call with the result the agent saw, its middle elided past the transcript's cap. */
    public TranscriptEvent withResult(String whole) {
        if (whole == null) {
            return new TranscriptEvent(type, tool, name, args, ok, text, detail, null, null);
        }
        long bytes = whole.getBytes(StandardCharsets.UTF_8).length;
        return new TranscriptEvent(type, tool, name, args, ok, text, detail,
                OutputCap.of(whole, RESULT_HEAD_BYTES, RESULT_TAIL_BYTES), bytes);
    }

    /** The same event with its success flag decided (a tool call whose result has just arrived). */
    public TranscriptEvent withOk(boolean succeeded) {
        return new TranscriptEvent(type, tool, name, args, succeeded, text, detail, result, resultBytes);
    }
}
