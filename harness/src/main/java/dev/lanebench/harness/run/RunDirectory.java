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
        return root.resolve("transcripts").resolve(r.task().id()).resolve(r.lane().name())
                .resolve("r" + r.number() + "-a" + attempt + ".jsonl");
    }

    public Path patch(Replication r, int attempt) {
        return root.resolve("patches").resolve(r.task().id()).resolve(r.lane().name())
                .resolve("r" + r.number() + "-a" + attempt + ".diff");
    }

    public String runId() {
        return root.getFileName().toString();
    }
}
