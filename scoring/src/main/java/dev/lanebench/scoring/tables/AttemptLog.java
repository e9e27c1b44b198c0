package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every attempt behind a report, with the run folder it came from and which of its files (checks, transcript,
 * patch) exist there, so a report can list attempts and link each to its files.
 */
public final class AttemptLog {
    private final List<Run> runs = new ArrayList<>();
    private final List<RawRow> rows = new ArrayList<>();
    private final List<Integer> rowRuns = new ArrayList<>();
    private List<Attempt> attempts;

    AttemptLog() {
    }

    /** A run folder and the attempt files found in it (paths relative to it, {@code /}-separated). */
    public record Run(Path dir, Set<String> files) {
    }

    /**
     * One attempt: which run (an index into {@link #runs()}), which row of the tables, and what happened.
     * {@code checks}, {@code transcript} and {@code patch} say whether that file exists in the run folder.
     */
    public record Attempt(int run, String taskKey, String task, String lane, int replication, int attempt,
            Status status, Double composite, Boolean routeOk, String evidence, String error, Double agentS,
            Double costUsd, boolean checks, boolean transcript, boolean patch) {

        /** The attempt's file of that kind, relative to its run folder. */
        public String file(AttemptFiles kind) {
            return kind.path(task, lane, replication, attempt);
        }
    }

    int addRun(Path dir) {
        runs.add(new Run(dir, listFiles(dir)));
        return runs.size() - 1;
    }

    void add(int run, RawRow row) {
        rows.add(row);
        rowRuns.add(run);
    }

    /** Names each attempt by its row of the tables (the task, or the task version), once the rows are known. */
    AttemptLog resolve(List<TaskRef> tasks) {
        Map<String, String> keys = new HashMap<>();
        tasks.forEach(t -> keys.put(t.task() + "\u0000" + t.hash(), t.key()));
        List<Attempt> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            RawRow r = rows.get(i);
            Run run = runs.get(rowRuns.get(i));
            String key = keys.get(r.task() + "\u0000" + (r.taskHash() == null ? "" : r.taskHash()));
            out.add(new Attempt(rowRuns.get(i), key, r.task(), r.lane(), r.replication(), r.attempt(), r.status(),
                    r.composite(), r.routeOk(), r.verifyEvidence(), r.error(), r.agentS(), r.costUsd(),
                    has(run, AttemptFiles.CHECKS, r), has(run, AttemptFiles.TRANSCRIPT, r),
                    has(run, AttemptFiles.PATCH, r)));
        }
        attempts = Collections.unmodifiableList(out);
        rows.clear();
        rowRuns.clear();
        return this;
    }

    private static boolean has(Run run, AttemptFiles kind, RawRow r) {
        return run.files().contains(kind.path(r.task(), r.lane(), r.replication(), r.attempt()));
    }

    /** The run folders, in the order they were read. */
    public List<Run> runs() {
        return Collections.unmodifiableList(runs);
    }

    /** Every attempt, in the order read. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** One walk per kind of folder rather than three file checks per attempt: a run can hold 100,000 attempts. */
    private static Set<String> listFiles(Path dir) {
        Set<String> files = new HashSet<>();
        for (AttemptFiles kind : AttemptFiles.values()) {
            Path top = dir.resolve(kind.folder());
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(top, 3)) {
                walk.filter(Files::isRegularFile)
                        .forEach(p -> files.add(dir.relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": cannot list " + kind.folder(), e);
            }
        }
        return files;
    }
}
