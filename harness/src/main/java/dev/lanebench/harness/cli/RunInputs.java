package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Option;

/** The run folders and raw.csv files that table, compare and report are given: checked, then read into tables. */
final class RunInputs {
    /** The formats table and compare print (html is what report writes), for --format and its completion. */
    static final List<String> TEXT_FORMATS = List.of("md", "csv", "json");

    private RunInputs() {
    }

    /** The raw.csv a run folder or file argument means; a one-line error when there is none. */
    static Path rawCsv(Path runOrFile) {
        Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve("raw.csv") : runOrFile;
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": file not found");
        }
        return file;
    }

    /**
     * The tables of these runs, only these lanes (null or empty: all), joined with the judgements of {@code judge}
     * (a panel, {@code none}, or null for each run's newest); an unreadable file is a one-line error.
     */
    static TableReport tables(List<Path> runs, List<String> lanes, String judge) {
        TableReport.Builder builder = TableReport.builder().lanes(lanes).judge(judge);
        for (Path run : runs) {
            try {
                builder.addFile(rawCsv(run));
            } catch (IOException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        return builder.build();
    }

    /** The value of --format, which must be one of {@code formats}. */
    static String format(String format, List<String> formats) {
        if (!formats.contains(format)) {
            throw new ConfigException("--format: '" + format + "' is not one of " + String.join(", ", formats));
        }
        return format;
    }

    /** Completion candidates for --format of table and compare. */
    static final class TextFormats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TEXT_FORMATS.iterator();
        }
    }

    /** {@code --lanes}, as table, compare and report take it. */
    static final class LaneFilter {
        @Option(names = "--lanes", split = ",", paramLabel = "LANE", description = "Only these lanes, as columns in this order.")
        List<String> lanes;
    }

    /** {@code --judge PANEL|none}, as table and report take it. */
    static final class JudgeChoice {
        @Option(names = "--judge", paramLabel = "PANEL",
                description = {"Join the run's judgements of this panel (a file of RUN/judgements/),",
                    "or none; default: the newest judgements file of each run."})
        String judge;
    }

    /** {@code --format md|csv|json}, as table and compare take it. */
    static final class TextFormat {
        @Option(names = "--format", paramLabel = "FMT", defaultValue = "md", completionCandidates = TextFormats.class,
                description = "md, csv or json (default: ${DEFAULT-VALUE}).")
        String format;

        /** The format asked for, checked. */
        String name() {
            return RunInputs.format(format, TEXT_FORMATS);
        }
    }
}
