package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.config.LanebenchHome;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.ScoreRow;
import dev.lanebench.scoring.raw.Status;
import dev.lanebench.scoring.stats.LaneTotals;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanebench table}: the matrix and flat-vs-harness tables again, from one or many raw.csv files. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Print the tables of one or more runs (default: the newest under results/).",
            "Per cell: median composite (min–max, n); for each model with a flat and a",
            "claude lane: the flat-vs-harness comparison with its Δ.",
            "With --scoring-file, composites are recomputed from each row's components",
            "with that file's weights and cost budgets; otherwise they are the run's."})
final class TableCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Parameters(arity = "0..*", paramLabel = "RUN_DIR|raw.csv", description = "Run folders or raw.csv files.")
    List<Path> inputs;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "md", completionCandidates = Formats.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--lanes", split = ",", paramLabel = "LANE", description = "Only these lanes.")
    List<String> lanes;

    /** The table formats, for --format's help and shell completion. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(TableReport.Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        TableReport.Format fmt;
        try {
            fmt = TableReport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--format: '" + format + "' is not one of "
                    + String.join(", ", (Iterable<String>) new Formats()));
        }
        ScoringConfig rescoring = config.scoringFileGiven() ? config.scoring() : null;
        TableReport.Builder report = TableReport.builder();
        if (lanes != null && !lanes.isEmpty()) {
            report.lanes(lanes);
        }
        List<Path> files = (inputs == null || inputs.isEmpty() ? List.of(newestRun()) : inputs).stream()
                .map(p -> Files.isDirectory(p) ? p.resolve("raw.csv") : p).toList();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ConfigException(f + ": file not found");
            }
            try {
                if (rescoring == null) {
                    report.addFile(f);
                } else {
                    RawCsvReader.forEach(f, row -> report.add(rescored(row, rescoring)));
                }
            } catch (IOException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        TableReport built = report.build();
        if (lanes != null) {
            Set<String> withRows = built.laneTotals().stream().map(LaneTotals::lane).collect(Collectors.toSet());
            List<String> missing = lanes.stream().filter(l -> !withRows.contains(l)).distinct().toList();
            if (!missing.isEmpty()) {
                throw new ConfigException("--lanes: no rows of lane " + missing.stream().map(l -> "'" + l + "'")
                        .collect(Collectors.joining(", ")) + " in " + files.stream().map(Path::toString)
                        .collect(Collectors.joining(", ")));
            }
        }
        if (rescoring != null) {
            System.err.println("composites recomputed with the weights and budgets of " + config.scoringFile());
        }
        System.out.print(built.render(fmt));
        return 0;
    }

    /** The row's score under other weights: cost_eff from its cost and the new tier budget, the rest as measured. */
    static ScoreRow rescored(RawRow r, ScoringConfig scoring) {
        Double composite = null;
        if (r.status() == Status.SCORED && r.correctness() != null) {
            Double costEff = Composite.costEff(r.costUsd(), scoring.budgetUsd(r.tier()));
            composite = Composite.compute(new Components(r.correctness(), r.process(), costEff, r.timeEff(), r.quality()),
                    scoring.weights());
        }
        return new ScoreRow(r.task(), r.tier(), r.lane(), r.runner(), r.model(), r.status(),
                composite == null ? r.composite() : composite, r.routeOk(), r.costUsd());
    }

    private static Path newestRun() throws IOException {
        Path results = LanebenchHome.resolveDefault(Path.of("results"));
        if (!Files.isDirectory(results)) {
            throw new ConfigException("results/: no runs yet (give a run folder or raw.csv)");
        }
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("raw.csv")))
                    .max(Comparator.comparing(p -> p.resolve("raw.csv").toFile().lastModified()))
                    .orElseThrow(() -> new ConfigException(results + ": no runs yet (give a run folder or raw.csv)"));
        }
    }
}
