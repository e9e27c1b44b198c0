package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.ScoreRow;
import dev.lanebench.scoring.raw.Status;
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
     * The tables of these runs, only these lanes (null or empty: all), each run joined with its newest judgement
     * file; an unreadable file is a one-line error.
     */
    static TableReport tables(List<Path> runs, List<String> lanes) {
        return tables(runs, lanes, null, null);
    }

    /**
     * As {@link #tables(List, List)}, joined with the judgements of {@code judge} (a panel, {@code none}, or null for
     * each run's newest); with {@code rescoring}, each scored row's composite is then recomputed from its components
     * (the joined quality included) with those weights, and its cost_eff from its cost with those budgets.
     */
    static TableReport tables(List<Path> runs, List<String> lanes, String judge, ScoringConfig rescoring) {
        TableReport.Builder builder = TableReport.builder().lanes(lanes).judge(judge);
        if (rescoring != null) {
            builder.scoreWith(row -> rescored(row, rescoring));
        }
        for (Path run : runs) {
            try {
                builder.addFile(rawCsv(run));
            } catch (IOException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        return builder.build();
    }

    /** The row's score under other weights: cost_eff from its cost and the new tier budget, the rest as measured. */
    static ScoreRow rescored(RawRow r, ScoringConfig scoring) {
        ScoreRow s = ScoreRow.of(r);
        if (r.status() != Status.SCORED || r.correctness() == null) {
            return s;
        }
        Double costEff = Composite.costEff(r.costUsd(), scoring.budgetUsd(r.tier()));
        Double composite = Composite.compute(new Components(r.correctness(), r.process(), costEff, r.timeEff(),
                r.quality()), scoring.weights());
        return new ScoreRow(s.task(), s.tier(), s.lane(), s.runner(), s.model(), s.status(), composite, s.routeOk(),
                s.costUsd(), s.taskHash(), s.inputTokens(), s.cachedTokens(), s.outputTokens(), s.agentS(), s.sandbox());
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
