package dev.lanebench.harness.catalogue;

import dev.lanebench.harness.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The tasks of a catalogue folder ({@code tasks/<tier>/<id>/}), in tier then id order. */
public final class Catalogue {
    private final Path root;
    private final List<Task> tasks;

    private Catalogue(Path root, List<Task> tasks) {
        this.root = root;
        this.tasks = tasks;
    }

    /** Loads every task; folders whose names start with '_' or '.' (shared support files) are not tiers. */
    public static Catalogue load(Path root) {
        List<Task> tasks = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Path taskDir : taskFolders(root)) {
            Task t = TaskLoader.load(taskDir);
            if (!ids.add(t.id())) {
                throw ConfigException.at(taskDir.resolve("task.yaml"), "id", "'" + t.id() + "' is used by another task");
            }
            tasks.add(t);
        }
        tasks.sort(Comparator.comparing(Task::tier).thenComparing(Task::id));
        return new Catalogue(root, List.copyOf(tasks));
    }

    /** Every task folder, tasks/<tier>/<id>/, in tier then folder order, without reading any of them. */
    public static List<Path> taskFolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw ConfigException.at(root, null, "tasks folder not found (use --tasks-dir)");
        }
        List<Path> folders = new ArrayList<>();
        for (Path tierDir : children(root)) {
            folders.addAll(children(tierDir));
        }
        return folders;
    }

    /** The tier folders, tasks/<tier>/, without reading any task. */
    public static List<Path> tierFolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw ConfigException.at(root, null, "tasks folder not found (use --tasks-dir)");
        }
        return children(root);
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public List<Task> tasks() {
        return tasks;
    }

    public Task task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> ConfigException.at(root, null, "no task '" + id + "' in the catalogue (see: lanebench tasks)"));
    }

    /** The tasks named (all when ids is empty), restricted to the given tiers when there are any. */
    public List<Task> select(List<String> ids, List<String> tiers) {
        List<Task> chosen = ids == null || ids.isEmpty() ? tasks : ids.stream().map(this::task).toList();
        if (tiers != null && !tiers.isEmpty()) {
            for (String tier : tiers) {
                if (tasks.stream().noneMatch(t -> t.tier().equals(tier))) {
                    throw ConfigException.at(root, null, "no tier '" + tier + "' in the catalogue (tiers: "
                            + String.join(", ", tasks.stream().map(Task::tier).distinct().toList()) + ")");
                }
            }
            chosen = chosen.stream().filter(t -> tiers.contains(t.tier())).toList();
        }
        return chosen;
    }
}
