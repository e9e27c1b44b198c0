package dev.lanebench.harness.run;

import java.nio.file.Path;

/**
 * The layout of one run's results folder, and the run id its rows carry: the folder's name, or the
 * id given with {@code --run-id} so the shards of one run written to different folders share it.
 */
public record RunDirectory(Path root, String runId) {

    /** A run whose id is its folder's name. */
    public RunDirectory(Path root) {
        this(root, root.getFileName().toString());
    }

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

    /** Where pre-flight leaves its micro-task attempts (transcripts, routes) for a look after a failure. */
    public Path preflight() {
        return root.resolve("preflight");
    }
}
