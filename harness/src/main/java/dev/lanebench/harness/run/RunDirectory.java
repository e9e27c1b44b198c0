package dev.lanebench.harness.run;

import java.nio.file.Path;

/** The layout of one run's results folder (docs/reference.md, "A run folder"). */
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

    public Path patch(Replication r, int attempt) {
        return patch(r.task().id(), r.lane().name(), r.number(), attempt);
    }

    public Path checks(Replication r, int attempt) {
        return checks(r.task().id(), r.lane().name(), r.number(), attempt);
    }

    public Path transcript(String task, String lane, int replication, int attempt) {
        return attemptFile("transcripts", task, lane, replication, attempt, ".jsonl");
    }

    public Path patch(String task, String lane, int replication, int attempt) {
        return attemptFile("patches", task, lane, replication, attempt, ".diff");
    }

    /** The grader's whole result for one attempt, redacted. */
    public Path checks(String task, String lane, int replication, int attempt) {
        return attemptFile("checks", task, lane, replication, attempt, ".json");
    }

    private Path attemptFile(String folder, String task, String lane, int replication, int attempt, String ext) {
        return root.resolve(folder).resolve(task).resolve(lane).resolve("r" + replication + "-a" + attempt + ext);
    }

    public String runId() {
        return root.getFileName().toString();
    }
}
