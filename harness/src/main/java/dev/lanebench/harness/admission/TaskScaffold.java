package dev.lanebench.harness.admission;

import dev.lanebench.harness.catalogue.TaskLoader;
import dev.lanebench.harness.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes a new task folder that follows the contract and fails admission only for what the author must fill in. */
public final class TaskScaffold {
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Pattern TIER = Pattern.compile("t[0-9]+_[a-z0-9_]+");

    private TaskScaffold() {
    }

    /**
     * Creates tasksDir/tier/id/ and returns it.
     *
     * @param knownTiers the tiers a task may join: those the catalogue has and those scoring.yaml budgets; any
     *                   other is most likely a typo, which would otherwise found a tier of one
     */
    public static Path create(Path tasksDir, String id, String tier, String kind, java.util.Set<String> knownTiers)
            throws IOException {
        if (!ID.matcher(id).matches()) {
            throw new ConfigException("task new: ID '" + id + "' must match [a-z0-9-]+");
        }
        if (!TIER.matcher(tier).matches()) {
            throw new ConfigException("task new: --tier '" + tier + "' must look like t1_trivial (t<digit>_<name>)");
        }
        if (!knownTiers.contains(tier)) {
            throw new ConfigException("task new: --tier '" + tier + "' is not a tier of " + tasksDir + " ("
                    + String.join(", ", new java.util.TreeSet<>(knownTiers)) + "); for a new tier, create the folder "
                    + tasksDir.resolve(tier) + "/ and give it a cost budget in scoring.yaml");
        }
        if (!TaskLoader.KINDS.contains(kind)) {
            throw new ConfigException("task new: --kind '" + kind + "' is not one of " + TaskLoader.KINDS.stream().sorted().toList());
        }
        Path dir = tasksDir.resolve(tier).resolve(id);
        if (Files.exists(dir)) {
            throw new ConfigException("task new: " + dir + " already exists");
        }
        Map<String, String> vars = Map.of("id", id, "tier", tier, "kind", kind);
        write(dir.resolve("task.yaml"), fill("task.yaml", vars));
        write(dir.resolve("instruction.md"), fill("instruction.md", vars));
        write(dir.resolve("repo/README.md"), fill("README.md", vars));
        write(dir.resolve("verify/verify.py"), fill("verify.py", vars));
        // Empty placeholders so git keeps the folders the author fills next.
        write(dir.resolve("verify/decoys/.gitkeep"), "");
        write(dir.resolve("solution/.gitkeep"), "");
        return dir;
    }

    /** Where the verify helper must be for the scaffold's verify.py to import it. */
    public static Path supportHelper(Path tasksDir) {
        return tasksDir.resolve("_support").resolve("lanebench_verify.py");
    }

    private static String fill(String template, Map<String, String> vars) throws IOException {
        try (InputStream in = TaskScaffold.class.getResourceAsStream("/scaffold/" + template)) {
            if (in == null) {
                throw new IOException("scaffold template missing from the jar: " + template);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : vars.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", e.getValue());
            }
            return text;
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
