package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.lanes.LanesFile;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.composite.ScoringConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The global options of DESIGN.md §10: where the catalogue, the lanes and the scoring weights are read from. */
public final class ConfigOptions {
    @Option(names = "--tasks-dir", paramLabel = "DIR", description = "Task catalogue folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "tasks")
    Path tasksDir;

    @Option(names = "--lanes-file", paramLabel = "FILE", description = "Lane matrix (default: ${DEFAULT-VALUE}).",
            defaultValue = "lanes.yaml")
    Path lanesFile;

    @Option(names = "--scoring-file", paramLabel = "FILE", description = "Composite weights and cost budgets (default: ${DEFAULT-VALUE}).",
            defaultValue = "scoring.yaml")
    Path scoringFile;

    Catalogue catalogue() {
        return Catalogue.load(tasksDir);
    }

    LaneSet lanes() {
        return LanesFile.load(lanesFile);
    }

    ScoringConfig scoring() {
        if (!Files.exists(scoringFile)) {
            throw ConfigException.at(scoringFile, null, "file not found (use --scoring-file)");
        }
        try {
            return ScoringConfig.load(scoringFile);
        } catch (ScoringConfigException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    Map<String, Path> inputs() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("tasks_dir", tasksDir);
        m.put("lanes_file", lanesFile);
        m.put("scoring_file", scoringFile);
        return m;
    }
}
