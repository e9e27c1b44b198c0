package dev.lanebench.harness.catalogue;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.config.YamlFiles;
import dev.lanebench.runners.agent.Budgets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates one task folder; every problem is a one-line {@link ConfigException}. */
public final class TaskLoader {
    public static final Set<String> KINDS = Set.of("implement", "debug", "security", "review", "design", "refactor");
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final int DEFAULT_VERIFY_TIMEOUT_S = 120;

    private TaskLoader() {
    }

    public static Task load(Path dir) {
        Path file = dir.resolve("task.yaml");
        if (!Files.isRegularFile(file)) {
            throw ConfigException.at(file, null, "file not found (every task folder needs a task.yaml)");
        }
        TaskSpec s = YamlFiles.read(file, TaskSpec.class);
        String folder = dir.getFileName().toString();
        String tierFolder = dir.getParent().getFileName().toString();

        String id = required(file, "id", s.id());
        if (!ID.matcher(id).matches()) {
            throw ConfigException.at(file, "id", "'" + id + "' must match [a-z0-9-]+");
        }
        if (!id.equals(folder)) {
            throw ConfigException.at(file, "id", "'" + id + "' does not match its folder name '" + folder + "'");
        }
        String title = required(file, "title", s.title());
        String tier = required(file, "tier", s.tier());
        if (!tier.equals(tierFolder)) {
            throw ConfigException.at(file, "tier", "'" + tier + "' does not match its tier folder '" + tierFolder + "'");
        }
        String kind = required(file, "kind", s.kind());
        if (!KINDS.contains(kind)) {
            throw ConfigException.at(file, "kind", "'" + kind + "' is not one of " + String.join(", ", sorted(KINDS)));
        }
        if (s.deadlineS() == null) {
            throw ConfigException.at(file, "deadline_s", "required key is missing");
        }
        if (s.deadlineS() <= 0) {
            throw ConfigException.at(file, "deadline_s", "must be a positive number of seconds, got " + s.deadlineS());
        }
        int reps = s.reps() == null ? 1 : s.reps();
        if (reps < 1) {
            throw ConfigException.at(file, "reps", "must be at least 1, got " + reps);
        }
        if (s.verify() == null) {
            throw ConfigException.at(file, "verify", "required key is missing");
        }
        List<String> command = s.verify().command();
        if (command == null || command.isEmpty() || command.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw ConfigException.at(file, "verify.command", "missing or empty (e.g. [python3, verify.py])");
        }
        int verifyTimeout = s.verify().timeoutS() == null ? DEFAULT_VERIFY_TIMEOUT_S : s.verify().timeoutS();
        if (verifyTimeout <= 0) {
            throw ConfigException.at(file, "verify.timeout_s", "must be positive, got " + verifyTimeout);
        }
        Budgets budgets = s.budgets() == null ? Budgets.NONE : s.budgets();
        if (budgets.maxTurns() != null && budgets.maxTurns() < 0) {
            throw ConfigException.at(file, "budgets.max_turns", "must not be negative");
        }
        budgets.tools().forEach((k, v) -> {
            if (v == null || v < 0) {
                throw ConfigException.at(file, "budgets.tools." + k.wire(), "must be a whole number >= 0");
            }
        });
        if (s.maxBaseline() != null && (s.maxBaseline() < 0 || s.maxBaseline() > 5)) {
            throw ConfigException.at(file, "max_baseline", "must be within 0–5, got " + s.maxBaseline());
        }
        Map<String, Decoy> decoys = decoys(file, dir, s.decoys());
        if (!Files.isDirectory(dir.resolve("repo"))) {
            throw ConfigException.at(file, "repo/", "the task has no repo/ folder beside task.yaml");
        }
        if (!Files.isDirectory(dir.resolve("verify"))) {
            throw ConfigException.at(file, "verify/", "the task has no verify/ folder beside task.yaml");
        }
        if (!Files.isRegularFile(dir.resolve("instruction.md"))) {
            throw ConfigException.at(file, "instruction.md", "the task has no instruction.md beside task.yaml");
        }
        return new Task(id, title, tier, kind, Duration.ofSeconds(s.deadlineS()), reps, List.copyOf(command),
                Duration.ofSeconds(verifyTimeout), budgets, s.maxBaseline(), decoys,
                Boolean.TRUE.equals(s.allowNoChange()), s.source(), dir, ContentHash.ofTask(dir));
    }

    /** The decoys of task.yaml, short form (a maximum, kind shallow) or long form ({max, kind}). */
    private static Map<String, Decoy> decoys(Path file, Path dir, Map<String, DecoySpec> specs) {
        Map<String, Decoy> decoys = new LinkedHashMap<>();
        if (specs == null) {
            return decoys;
        }
        specs.forEach((name, spec) -> {
            String field = "decoys." + name;
            if (spec == null || spec.max() == null) {
                throw ConfigException.at(file, spec == null ? field : field + ".max",
                        "the most it may score is missing (e.g. " + name + ": 2.0 or " + name + ": {max: 2.0, kind: gaming})");
            }
            if (spec.max() < 0 || spec.max() > 5) {
                throw ConfigException.at(file, spec.kind() == null ? field : field + ".max",
                        "the most it may score must be within 0–5, got " + spec.max());
            }
            Decoy.Kind kind = spec.kind() == null ? Decoy.Kind.SHALLOW : Decoy.Kind.fromWire(spec.kind());
            if (kind == null) {
                throw ConfigException.at(file, field + ".kind",
                        "'" + spec.kind() + "' is not one of " + String.join(", ", Decoy.Kind.wires()));
            }
            if (!Files.isDirectory(dir.resolve("verify/decoys").resolve(name))) {
                throw ConfigException.at(file, field, "verify/decoys/" + name + "/ not found");
            }
            decoys.put(name, new Decoy(spec.max(), kind));
        });
        return Collections.unmodifiableMap(decoys);
    }

    private static String required(Path file, String field, String value) {
        if (value == null || value.isBlank()) {
            throw ConfigException.at(file, field, "required key is missing");
        }
        return value;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
