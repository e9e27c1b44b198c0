package dev.lanebench.runners.claude;

import dev.lanebench.runners.cli.CliBinary;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the claude binary (lane {@code claude_bin}, else {@code LANEBENCH_CLAUDE_BIN}, else PATH from the
 * harness environment) and reads its version once per binary.
 */
final class ClaudeBinary {
    static final String ENV_BIN = "LANEBENCH_CLAUDE_BIN";

    /** Where the binary is, or why it is not there. */
    record Lookup(Path path, String problem) {
        boolean found() {
            return path != null;
        }
    }

    private ClaudeBinary() {
    }

    static Lookup find(String laneClaudeBin, Map<String, String> env) {
        CliBinary.Lookup l = CliBinary.find("claude", laneClaudeBin, "claude_bin", ENV_BIN, env);
        return new Lookup(l.path(), l.problem());
    }

    /** The CLI's version ("2.1.329"), or null when it cannot be read; asked once per binary. */
    static String version(Path bin) {
        // "2.1.329 (Claude Code)" -> "2.1.329"
        return CliBinary.version(bin, Map.of("DISABLE_AUTOUPDATER", "1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
                out -> out.split("\\s+")[0]);
    }
}
