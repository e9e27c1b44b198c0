package dev.lanebench.harness.run;

import java.nio.file.Path;

/** The layout of one run's results folder (DESIGN.md §7). */
public record RunDirectory(Path root) {
    public Path rawCsv() {
        return root.resolve("raw.csv");
    }

    public Path routes() {
        return root.resolve("routes.jsonl");
    }

    public Path manifest() {
        return root.resolve("run.json");
    }

    public Path summary() {
        return root.resolve("summary.md");
    }

    public Path transcript(Replication r, int attempt) {
        return transcript(r.task().id(), r.lane().name(), r.number(), attempt);
    }

    public Path transcript(String task, String lane, int replication, int attempt) {
        return root.resolve("transcripts").resolve(task).resolve(lane).resolve(attemptFile(replication, attempt, ".jsonl"));
    }

    public Path patch(Replication r, int attempt) {
        return patch(r.task().id(), r.lane().name(), r.number(), attempt);
    }

    public Path patch(String task, String lane, int replication, int attempt) {
        return root.resolve("patches").resolve(task).resolve(lane).resolve(attemptFile(replication, attempt, ".diff"));
    }

    private static String attemptFile(int replication, int attempt, String ext) {
        return "r" + replication + "-a" + attempt + ext;
    }

    public String runId() {
        return root.getFileName().toString();
    }
}
