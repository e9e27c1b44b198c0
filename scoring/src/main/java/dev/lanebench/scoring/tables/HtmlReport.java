package dev.lanebench.scoring.tables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes the html report of one or more runs to a file, as {@code lanebench report} and the end of a run do. */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * Reads the runs (folders or raw.csv files) keeping every attempt, and writes the report to {@code file}
     * (beside it, then renamed over it, so a reader never sees half a report); links are relative to its folder.
     *
     * @param lanes only these lanes, in this order; null or empty for all
     */
    public static TableReport write(Path file, List<Path> runs, List<String> lanes) throws IOException {
        return write(file, runs, lanes, null);
    }

    /**
     * As {@link #write(Path, List, List)}, joining each run's judgements of {@code judge} (a panel id, {@code none},
     * or null for the newest; see {@link TableReport.Builder#judge}).
     */
    public static TableReport write(Path file, List<Path> runs, List<String> lanes, String judge) throws IOException {
        TableReport.Builder builder = TableReport.builder().lanes(lanes).judge(judge).keepAttempts();
        for (Path run : runs) {
            builder.addFile(run);
        }
        TableReport report = builder.build();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.writeString(tmp, TableFormats.html(dir).render(report), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return report;
    }
}
