package dev.lanebench.harness.inspect;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.config.LanebenchHome;
import dev.lanebench.harness.run.NotRun;
import dev.lanebench.harness.run.RunDirectory;
import dev.lanebench.harness.run.RunManifest;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A finished (or stopped) run read back for inspection: every attempt of raw.csv and every replication run.json
 * says was not run, each with the paths of its files.
 */
public final class RunFolder {
    private final RunDirectory dir;
    private final List<AttemptView> attempts;

    private RunFolder(RunDirectory dir, List<AttemptView> attempts) {
        this.dir = dir;
        this.attempts = attempts;
    }

    /** Reads a run folder given as a path, or as a run id under results/. */
    public static RunFolder open(Path given) {
        Path root = given;
        if (!Files.isDirectory(root)) {
            Path underResults = LanebenchHome.resolveDefault(Path.of("results")).resolve(given);
            if (given.getNameCount() == 1 && Files.isDirectory(underResults)) {
                root = underResults;
            } else if (Files.exists(root)) {
                throw new ConfigException(given + ": not a run folder (give the folder that holds raw.csv)");
            } else {
                throw new ConfigException(given + ": no such run folder");
            }
        }
        RunDirectory dir = new RunDirectory(root);
        if (!Files.isRegularFile(dir.rawCsv()) && !Files.isRegularFile(dir.manifest())) {
            throw new ConfigException(root + ": not a lanebench run folder (no raw.csv, no run.json)");
        }
        List<AttemptView> views = new ArrayList<>();
        try {
            if (Files.isRegularFile(dir.rawCsv())) {
                for (RawRow r : RawCsvReader.read(dir.rawCsv())) {
                    views.add(AttemptView.of(dir, r));
                }
            }
            if (Files.isRegularFile(dir.manifest())) {
                for (NotRun n : RunManifest.read(dir.manifest()).notRun()) {
                    views.add(AttemptView.notRun(dir, n));
                }
            }
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        views.sort(Comparator.comparing(AttemptView::task).thenComparing(AttemptView::lane)
                .thenComparingInt(AttemptView::replication).thenComparingInt(AttemptView::attemptOrLast));
        return new RunFolder(dir, List.copyOf(views));
    }

    public RunDirectory dir() {
        return dir;
    }

    public List<AttemptView> attempts() {
        return attempts;
    }
}
