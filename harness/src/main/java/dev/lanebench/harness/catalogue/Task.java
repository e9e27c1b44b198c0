package dev.lanebench.harness.catalogue;

import dev.lanebench.runners.agent.Budgets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated catalogue task with its folders and content hash; optional task.yaml keys have their defaults.
 */
public record Task(
        String id, String title, String tier, String kind, Duration deadline, int reps,
        List<String> verifyCommand, Duration verifyTimeout, Budgets budgets, Double maxBaseline,
        Map<String, Decoy> decoys, boolean allowNoChange, String source,
        Path dir, String hash) {

    public Path repoDir() {
        return dir.resolve("repo");
    }

    public Path verifyDir() {
        return dir.resolve("verify");
    }

    public Path solutionDir() {
        return dir.resolve("solution");
    }

    public Path instructionFile() {
        return dir.resolve("instruction.md");
    }
}
