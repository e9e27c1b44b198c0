package dev.lanebench.runners.codex;

import dev.lanebench.runners.agent.ToolKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what the codex CLI did onto the normalized tool kinds, so task budgets count the same across runners.
 * Codex reads, lists and searches through shell commands ({@code cat}, {@code ls}, {@code rg}); a single such
 * command is counted as what it is, anything else a command does (pipes, redirections, several commands) is a
 * {@code run}. File changes made with its patch tool are writes (a new file) or edits.
 */
final class CodexTools {
    static final int MAX_ARG_CHARS = 300;
    private static final Pattern SHELL_WRAPPER = Pattern.compile("^(?:/\\S*/)?(?:ba|z)?sh -l?c (.*)$", Pattern.DOTALL);
    private static final Set<String> READ = Set.of("cat", "head", "tail", "nl", "less", "more", "bat", "wc");
    private static final Set<String> LIST = Set.of("ls", "tree", "find", "fd", "du");
    private static final Set<String> SEARCH = Set.of("rg", "grep", "egrep", "fgrep", "ag", "ack");
    private static final List<String> COMPOUND = List.of("|", ">", "<", ";", "&", "$(", "`", "\n");

    private CodexTools() {
    }

    /** The script a command line runs: the argument of a {@code bash -lc '…'} wrapper, unquoted, else the line. */
    static String script(String command) {
        String c = command.strip();
        Matcher m = SHELL_WRAPPER.matcher(c);
        if (!m.matches()) {
            return c;
        }
        String arg = m.group(1).strip();
        if (arg.length() >= 2 && arg.startsWith("'") && arg.endsWith("'")) {
            return arg.substring(1, arg.length() - 1).replace("'\\''", "'");
        }
        if (arg.length() >= 2 && arg.startsWith("\"") && arg.endsWith("\"")) {
            return arg.substring(1, arg.length() - 1).replace("\\\"", "\"");
        }
        return arg;
    }

    /** The kind of a shell command, by its one program when it is a single plain command. */
    static ToolKind commandKind(String command) {
        String s = script(command);
        for (String op : COMPOUND) {
            if (s.contains(op)) {
                return ToolKind.RUN;
            }
        }
        String[] words = s.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return ToolKind.RUN;
        }
        String program = words[0].substring(words[0].lastIndexOf('/') + 1);
        if (program.equals("sed")) {
            // sed -n 'a,bp' file reads; any other sed (in particular -i) changes files
            List<String> args = List.of(words);
            return args.contains("-n") && args.stream().noneMatch(a -> a.startsWith("-i")) ? ToolKind.READ : ToolKind.RUN;
        }
        if (program.equals("find")) {
            return List.of(words).stream().anyMatch(a -> a.equals("-exec") || a.equals("-delete") || a.equals("-execdir"))
                    ? ToolKind.RUN : ToolKind.LIST;
        }
        if (program.equals("git") && words.length > 1 && words[1].equals("grep")) {
            return ToolKind.SEARCH;
        }
        if (READ.contains(program)) {
            return ToolKind.READ;
        }
        if (LIST.contains(program)) {
            return ToolKind.LIST;
        }
        return SEARCH.contains(program) ? ToolKind.SEARCH : ToolKind.RUN;
    }

    /** A file change's kind: a new file is a write, a change or removal of one an edit. */
    static ToolKind changeKind(String kind) {
        return "add".equals(kind) ? ToolKind.WRITE : ToolKind.EDIT;
    }

    /** A path as the workspace sees it ({@code src/a.py}), or null when it is outside the workspace. */
    static String relative(String path, Path workspace) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        Path ws = workspace.toAbsolutePath().normalize();
        Path p = ws.resolve(path).normalize();
        if (!p.startsWith(ws)) {
            return null;
        }
        String rel = ws.relativize(p).toString();
        return rel.isEmpty() ? "." : rel;
    }

    static String shorten(String s) {
        return s == null || s.length() <= MAX_ARG_CHARS ? s : s.substring(0, MAX_ARG_CHARS) + "…";
    }
}
