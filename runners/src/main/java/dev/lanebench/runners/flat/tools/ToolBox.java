package dev.lanebench.runners.flat.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flat runner's four tools — {@code read_file}, {@code write_file}, {@code list_dir}, {@code run} — their
 * JSON schemas, and their execution against one workspace. A bad call (unknown tool, malformed or missing
 * arguments, a path outside the workspace, an I/O error) becomes an error result for the model, never an
 * exception that ends the attempt.
 */
public final class ToolBox {
    static final int READ_HEAD = 48 * 1024;
    static final int READ_TAIL = 16 * 1024;
    static final int MAX_LIST = 1000;

    private final WorkspacePaths paths;
    private final CommandRunner commands;
    private final WorkspaceFiles files;
    private final Duration commandTimeout;

    public ToolBox(CommandRunner commands, Duration commandTimeout) {
        this.paths = new WorkspacePaths(Path.of(commands.workspace()));
        this.commands = commands;
        this.files = new WorkspaceFiles(commands);
        this.commandTimeout = commandTimeout;
    }

    /** The {@code tools} array of a chat completions request. */
    public static ArrayNode definitions() {
        ArrayNode tools = WireJson.MAPPER.createArrayNode();
        tools.add(function("read_file", "Read a UTF-8 text file in the workspace. Very long files are shown "
                + "with their middle elided.", Map.of("path", "File path, relative to the workspace root.")));
        ObjectNode write = function("write_file", "Create or overwrite a file in the workspace with the given "
                + "content; parent folders are created.", new LinkedHashMap<>(Map.of(
                "path", "File path, relative to the workspace root.",
                "content", "The complete new content of the file.")));
        tools.add(write);
        tools.add(function("list_dir", "List the entries of a folder in the workspace (folders end with /).",
                Map.of("path", "Folder path, relative to the workspace root; \".\" for the root.")));
        tools.add(function("run", "Run a bash command in the workspace root and get its exit code and output "
                + "(stdout and stderr merged, long output elided in the middle). Each call is a fresh shell with "
                + "no input; background processes are stopped when the command returns.",
                Map.of("command", "The bash command line.")));
        return tools;
    }

    private static ObjectNode function(String name, String description, Map<String, String> params) {
        ObjectNode tool = WireJson.MAPPER.createObjectNode();
        tool.put("type", "function");
        ObjectNode fn = tool.putObject("function");
        fn.put("name", name);
        fn.put("description", description);
        ObjectNode schema = fn.putObject("parameters");
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        params.keySet().stream().sorted((a, b) -> a.equals("path") ? -1 : b.equals("path") ? 1 : a.compareTo(b))
                .forEach(p -> {
                    props.putObject(p).put("type", "string").put("description", params.get(p));
                    required.add(p);
                });
        schema.put("additionalProperties", false);
        return tool;
    }

    public static ToolKind kindOf(String name) {
        return switch (name == null ? "" : name) {
            case "read_file" -> ToolKind.READ;
            case "write_file" -> ToolKind.WRITE;
            case "list_dir" -> ToolKind.LIST;
            case "run" -> ToolKind.RUN;
            default -> ToolKind.OTHER;
        };
    }

    /**
     * Carries out one tool call.
     *
     * @param name          the tool name the model used
     * @param rawArguments  the arguments exactly as the model sent them (a JSON object, as a string)
     * @param deadline      the attempt deadline; a command is killed there
     * @throws InterruptedException when the thread is interrupted while a command runs (the command is killed)
     */
    public ToolOutcome execute(String name, String rawArguments, Instant deadline) throws InterruptedException {
        ToolKind kind = kindOf(name);
        JsonNode args;
        try {
            args = parseArguments(rawArguments);
        } catch (ToolRefusal r) {
            return refused(kind, name, Map.of("malformed_arguments", clip(rawArguments, 200)), r.getMessage());
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        try {
            return switch (kind) {
                case READ -> read(name, shown, string(args, "path", shown));
                case WRITE -> write(name, shown, string(args, "path", shown), content(args, shown));
                // A blank path is the root: models often call list_dir with "" to start.
                case LIST -> list(name, shown,
                        args.path("path").asText("").isBlank() ? "." : string(args, "path", shown));
                case RUN -> run(name, shown, string(args, "command", shown), deadline);
                default -> throw new ToolRefusal("unknown tool '" + name
                        + "'; the tools are read_file, write_file, list_dir and run");
            };
        } catch (ToolRefusal r) {
            return refused(kind, name, shown, r.getMessage());
        } catch (IOException e) {
            return refused(kind, name, shown, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static JsonNode parseArguments(String raw) throws ToolRefusal {
        if (raw == null || raw.isBlank()) {
            return WireJson.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            throw new ToolRefusal("the arguments are not valid JSON (" + firstLine(e.getMessage())
                    + "); nothing was done. Call the tool again with a JSON object of its parameters.");
        }
        if (node == null || !node.isObject()) {
            throw new ToolRefusal("the arguments must be a JSON object of the tool's parameters; nothing was done");
        }
        return node;
    }

    private static String string(JsonNode args, String field, Map<String, Object> shown) throws ToolRefusal {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            throw new ToolRefusal("missing required argument '" + field + "'");
        }
        if (!v.isTextual()) {
            throw new ToolRefusal("argument '" + field + "' must be a string");
        }
        shown.put(field, clip(v.asText(), 2000));
        return v.asText();
    }

    private static String content(JsonNode args, Map<String, Object> shown) throws ToolRefusal {
        JsonNode v = args.get("content");
        if (v == null || v.isNull()) {
            throw new ToolRefusal("missing required argument 'content'");
        }
        if (!v.isTextual()) {
            throw new ToolRefusal("argument 'content' must be a string");
        }
        return v.asText();
    }

    private ToolOutcome read(String name, Map<String, Object> shown, String path)
            throws ToolRefusal, IOException, InterruptedException {
        WorkspaceFiles.Read r = files.read(paths.resolve(path), path, READ_HEAD, READ_TAIL);
        Map<String, Object> detail = Map.of("bytes", r.size());
        if (r.binary()) {
            return new ToolOutcome(ToolKind.READ, name, shown, true,
                    "'" + path + "' is a binary file of " + r.size() + " bytes; not shown", detail);
        }
        return new ToolOutcome(ToolKind.READ, name, shown, true, r.text(), detail);
    }

    private ToolOutcome write(String name, Map<String, Object> shown, String path, String content)
            throws ToolRefusal, IOException, InterruptedException {
        Path file = paths.resolve(path);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        shown.put("bytes", bytes.length);
        files.write(file, path, bytes);
        return new ToolOutcome(ToolKind.WRITE, name, shown, true,
                "wrote " + bytes.length + " bytes to " + paths.relative(file), Map.of());
    }

    private ToolOutcome list(String name, Map<String, Object> shown, String path)
            throws ToolRefusal, IOException, InterruptedException {
        List<String> entries = new ArrayList<>();
        for (WorkspaceFiles.Entry e : files.list(paths.resolve(path), path)) {
            entries.add(e.name() + (e.folder() ? "/" : ""));
        }
        entries.sort(String::compareTo);
        int total = entries.size();
        StringBuilder b = new StringBuilder();
        for (String e : entries.subList(0, Math.min(total, MAX_LIST))) {
            b.append(e).append('\n');
        }
        if (total > MAX_LIST) {
            b.append("[... ").append(total - MAX_LIST).append(" more entries not shown ...]\n");
        }
        if (total == 0) {
            b.append("(empty folder)\n");
        }
        return new ToolOutcome(ToolKind.LIST, name, shown, true, b.toString(), Map.of("entries", total));
    }

    private ToolOutcome run(String name, Map<String, Object> shown, String command, Instant deadline)
            throws IOException, InterruptedException {
        CommandRunner.Result r = commands.run(command, commandTimeout, deadline);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("exit_code", r.exitCode());
        detail.put("duration_ms", r.durationMs());
        detail.put("output_bytes", r.outputBytes());
        StringBuilder b = new StringBuilder();
        if (r.timedOut()) {
            detail.put("timed_out", true);
            b.append("timed out after ").append(commandTimeout.toSeconds())
                    .append(" s; the command and all its processes were killed\n");
        } else if (r.overLimit() != null) {
            detail.put("over_limit", r.overLimit());
            b.append("stopped: ").append(r.overLimit()).append("; the command and all its processes were killed\n");
        } else if (r.deadlineReached()) {
            detail.put("deadline_reached", true);
            b.append("stopped: the attempt's time is up; the command and all its processes were killed\n");
        } else {
            b.append("exit code: ").append(r.exitCode()).append('\n');
        }
        if (r.outputIncomplete()) {
            b.append("(a process outside the command kept its output open; output may be incomplete)\n");
        }
        b.append(r.output().isEmpty() ? "(no output)" : r.output());
        boolean ok = r.exitCode() != null && r.exitCode() == 0;
        return new ToolOutcome(ToolKind.RUN, name, shown, ok, b.toString(), detail);
    }

    private static ToolOutcome refused(ToolKind kind, String name, Map<String, Object> shown, String why) {
        return new ToolOutcome(kind, name, shown, false, "error: " + why, Map.of("error", why));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
