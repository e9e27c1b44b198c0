package dev.lanebench.scoring.tables;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Short, distinct names for the versions of one task, from their task hashes, as row keys show them. */
final class TaskVersions {
    private static final int SHORT = 6;

    private TaskVersions() {
    }

    /**
     * Each hash's first six hex digits (after any {@code sha256:}-style prefix), longer where two would read
     * the same; an empty hash (rows that carry none) reads {@code no-hash}.
     */
    static Map<String, String> shortNames(List<String> hashes) {
        int longest = hashes.stream().mapToInt(h -> bare(h).length()).max().orElse(0);
        for (int len = SHORT; ; len++) {
            Map<String, String> names = new HashMap<>();
            Set<String> seen = new HashSet<>();
            boolean distinct = true;
            for (String h : hashes) {
                String bare = bare(h);
                String name = bare.isEmpty() ? "no-hash" : bare.substring(0, Math.min(len, bare.length()));
                names.put(h, name);
                distinct &= seen.add(name);
            }
            if (distinct || len >= longest) {
                return names;
            }
        }
    }

    private static String bare(String hash) {
        return hash.substring(hash.indexOf(':') + 1);
    }
}
