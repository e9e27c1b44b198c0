package dev.lanebench.harness.merge;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.run.RunManifest;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawCsvSchema;
import dev.lanebench.scoring.raw.RawRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run folder given to {@code merge}: its manifest and its rows, read without changing it (a half-written
 * last row, left by a killed part, is ignored as every reader ignores it).
 *
 * @param label     how the part is named in messages and provenance (its path as given)
 * @param rawSchema the raw.csv schema the part was written in
 */
record PartRun(Path dir, String label, RunManifest manifest, List<RawRow> rows, int rawSchema) {

    static PartRun read(Path dir) {
        Path runJson = dir.resolve("run.json");
        if (!Files.isRegularFile(runJson)) {
            throw new ConfigException("merge: " + dir + " holds no run.json (not a lanebench run folder)");
        }
        try {
            RunManifest manifest = RunManifest.read(runJson);
            Path raw = dir.resolve("raw.csv");
            List<RawRow> rows = new ArrayList<>();
            int schema = Files.exists(raw) ? RawCsvReader.forEach(raw, rows::add).header().schema() : RawCsvSchema.VERSION;
            return new PartRun(dir, dir.toString(), manifest, List.copyOf(rows), schema);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("merge: " + dir + ": " + e.getMessage());
        }
    }
}
