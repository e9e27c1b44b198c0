package dev.lanebench.runners.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.agent.ToolKind;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps the claude CLI's tools onto the normalized tool kinds and keeps a short, path-aware copy of their input. */
final class ClaudeTools {
    /** Longer string arguments (file contents, edit strings) are replaced by their length in the transcript. */
    static final int MAX_ARG_CHARS = 300;

    private ClaudeTools() {
    }

    static ToolKind kind(String name) {
        if (name == null) {
            return ToolKind.OTHER;
        }
        return switch (name) {
            case "Write" -> ToolKind.WRITE;
            case "Edit", "MultiEdit", "NotebookEdit" -> ToolKind.EDIT;
            case "Bash" -> ToolKind.RUN;
            case "Read", "NotebookRead" -> ToolKind.READ;
            case "Glob", "Grep" -> ToolKind.SEARCH;
            case "LS" -> ToolKind.LIST;
            default -> ToolKind.OTHER;
        };
    }

    /**
     * The tool input for the transcript: every field, long strings elided, plus {@code path} relative to the
     * workspace when the tool names a file inside it (what verify scripts and budgets look for).
     */
    static Map<String, Object> args(JsonNode input, Path workspace) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (input == null || !input.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), summarize(e.getValue()));
        }
        for (String key : new String[] {"file_path", "notebook_path", "path"}) {
            JsonNode p = input.get(key);
            if (p != null && p.isTextual()) {
                String rel = relative(p.asText(), workspace);
                if (rel != null) {
                    out.put("path", rel);
                }
                break;
            }
        }
        return out;
    }

    private static Object summarize(JsonNode v) {
        if (v.isTextual()) {
            String s = v.asText();
            return s.length() > MAX_ARG_CHARS ? "<" + s.length() + " chars>" : s;
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNull()) {
            return null;
        }
        String json = v.toString();
        return json.length() > MAX_ARG_CHARS ? "<" + json.length() + " chars of JSON>" : json;
    }

    static String relative(String path, Path workspace) {
        if (workspace == null || path.isEmpty()) {
            return null;
        }
        try {
            Path ws = workspace.toAbsolutePath().normalize();
            Path p = ws.resolve(path).normalize();
            Path real = real(ws);
            if (!p.startsWith(ws) && real != null && real.resolve(path).normalize().startsWith(real)) {
                ws = real;
                p = real.resolve(path).normalize();
            }
            if (!p.startsWith(ws)) {
                return null;
            }
            String rel = ws.relativize(p).toString();
            return rel.isEmpty() ? "." : rel;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
