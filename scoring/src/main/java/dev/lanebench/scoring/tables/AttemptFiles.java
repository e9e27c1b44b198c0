package dev.lanebench.scoring.tables;

/**
 * Where a run folder keeps the files of one attempt, relative to the folder: what reports link to.
 * {@code <kind>/<task>/<lane>/r<replication>-a<attempt>.<ext>}.
 */
public enum AttemptFiles {
    CHECKS("checks", "json"),
    TRANSCRIPT("transcripts", "jsonl"),
    PATCH("patches", "diff");

    private final String folder;
    private final String extension;

    AttemptFiles(String folder, String extension) {
        this.folder = folder;
        this.extension = extension;
    }

    /** The top folder in the run folder ({@code checks}, {@code transcripts}, {@code patches}). */
    public String folder() {
        return folder;
    }

    /** The file's path relative to the run folder, with {@code /} separators. */
    public String path(String task, String lane, int replication, int attempt) {
        return folder + "/" + task + "/" + lane + "/r" + replication + "-a" + attempt + "." + extension;
    }
}
