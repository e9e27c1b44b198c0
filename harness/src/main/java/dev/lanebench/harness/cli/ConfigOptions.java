package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.config.LanebenchHome;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.lanes.LanesFile;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.composite.ScoringConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the catalogue, the lanes and the scoring weights are read from. Mixed into the top-level command and
 * into every command that reads them, so each option works before or after the subcommand
 * ({@code lanebench --tasks-dir x run} and {@code lanebench run --tasks-dir x}); the subcommand's own wins.
 * Without either, a default is the current folder's file, else lanebench's own.
 */
public final class ConfigOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--tasks-dir", paramLabel = "DIR",
            description = "Task catalogue folder (default: tasks/ here, else lanebench's own).")
    Path tasksDir;

    @Option(names = "--lanes-file", paramLabel = "FILE",
            description = "Lane matrix (default: lanes.yaml here, else lanebench's own).")
    Path lanesFile;

    @Option(names = "--scoring-file", paramLabel = "FILE",
            description = "Composite weights and cost budgets (default: scoring.yaml here, else lanebench's own).")
    Path scoringFile;

    Path tasksDir() {
        return chosen(o -> o.tasksDir, "tasks");
    }

    Path lanesFile() {
        return chosen(o -> o.lanesFile, "lanes.yaml");
    }

    Path scoringFile() {
        return chosen(o -> o.scoringFile, "scoring.yaml");
    }

    /** Whether --scoring-file was given, before or after the subcommand. */
    boolean scoringFileGiven() {
        return explicit(o -> o.scoringFile) != null;
    }

    Catalogue catalogue() {
        return Catalogue.load(tasksDir());
    }

    LaneSet lanes() {
        return LanesFile.load(lanesFile());
    }

    ScoringConfig scoring() {
        Path file = scoringFile();
        if (!Files.exists(file)) {
            throw ConfigException.at(file, null, "file not found (use --scoring-file)");
        }
        try {
            return ScoringConfig.load(file);
        } catch (ScoringConfigException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    Map<String, Path> inputs() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("tasks_dir", tasksDir());
        m.put("lanes_file", lanesFile());
        m.put("scoring_file", scoringFile());
        return m;
    }

    /** The options given on the command line, before or after the subcommand, as arguments to repeat them. */
    List<String> given() {
        List<String> args = new ArrayList<>();
        addGiven(args, "--tasks-dir", o -> o.tasksDir);
        addGiven(args, "--lanes-file", o -> o.lanesFile);
        addGiven(args, "--scoring-file", o -> o.scoringFile);
        return args;
    }

    private void addGiven(List<String> args, String name, Function<ConfigOptions, Path> field) {
        Path p = explicit(field);
        if (p != null) {
            args.add(name);
            args.add(p.toString());
        }
    }

    private Path chosen(Function<ConfigOptions, Path> field, String fallback) {
        Path p = explicit(field);
        return p != null ? p : LanebenchHome.resolveDefault(Path.of(fallback));
    }

    /** This command's value, else the nearest parent command's, else null. */
    private Path explicit(Function<ConfigOptions, Path> field) {
        if (field.apply(this) != null) {
            return field.apply(this);
        }
        for (CommandSpec c = mixee == null ? null : mixee.parent(); c != null; c = c.parent()) {
            for (CommandSpec mixin : c.mixins().values()) {
                if (mixin.userObject() instanceof ConfigOptions o && field.apply(o) != null) {
                    return field.apply(o);
                }
            }
        }
        return null;
    }
}
