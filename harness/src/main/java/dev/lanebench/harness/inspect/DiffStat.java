package dev.lanebench.harness.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a patch changes, file by file, as {@code git diff --stat} would count it: lines added and removed.
 *
 * @param files each changed file with its counts, in patch order
 * @param notes the harness's {@code # lanebench: not diffed …} lines (files too big, pipes)
 */
public record DiffStat(List<FileChange> files, List<String> notes) {
    /** One file of a patch. */
    public record FileChange(String path, int added, int removed, boolean binary) {
    }

    public static DiffStat of(Path patch) {
        try (Stream<String> lines = Files.lines(patch)) {
            return parse(lines.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DiffStat parse(List<String> lines) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<String> binary = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String current = null;
        boolean inHunk = false;
        for (String line : lines) {
            if (line.startsWith("diff --git ")) {
                String[] parts = line.substring("diff --git ".length()).split(" b/", 2);
                current = parts.length == 2 ? parts[1] : line.substring("diff --git ".length());
                counts.putIfAbsent(current, new int[2]);
                inHunk = false;
            } else if (line.startsWith("# lanebench:")) {
                notes.add(line.substring(2));
            } else if (current != null && line.startsWith("Binary files ")) {
                binary.add(current);
            } else if (current != null && line.startsWith("@@")) {
                inHunk = true;
            } else if (current != null && inHunk && line.startsWith("+")) {
                counts.get(current)[0]++;
            } else if (current != null && inHunk && line.startsWith("-")) {
                counts.get(current)[1]++;
            }
        }
        List<FileChange> files = new ArrayList<>();
        counts.forEach((path, c) -> files.add(new FileChange(path, c[0], c[1], binary.contains(path))));
        return new DiffStat(List.copyOf(files), List.copyOf(notes));
    }

    public int added() {
        return files.stream().mapToInt(FileChange::added).sum();
    }

    public int removed() {
        return files.stream().mapToInt(FileChange::removed).sum();
    }
}
