package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanebench table}: the matrix and flat-vs-harness tables again, from one or many raw.csv files. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Print the tables of one or more runs (default: the newest under results/).",
            "Per cell: median composite (min–max, n); for each model with a flat and a",
            "claude lane: the flat-vs-harness comparison with its Δ."})
final class TableCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "RUN_DIR|raw.csv", description = "Run folders or raw.csv files.")
    List<Path> inputs;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "md", description = "md, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--lanes", split = ",", paramLabel = "LANE", description = "Only these lanes.")
    List<String> lanes;

    @Override
    public Integer call() throws IOException {
        TableReport.Format fmt;
        try {
            fmt = TableReport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--format: '" + format + "' is not one of md, csv, json");
        }
        TableReport.Builder report = TableReport.builder();
        if (lanes != null && !lanes.isEmpty()) {
            report.lanes(lanes);
        }
        for (Path p : inputs == null || inputs.isEmpty() ? List.of(newestRun()) : inputs) {
            Path f = Files.isDirectory(p) ? p.resolve("raw.csv") : p;
            if (!Files.isRegularFile(f)) {
                throw new ConfigException(f + ": file not found");
            }
            try {
                report.addFile(f);
            } catch (IOException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        System.out.print(report.build().render(fmt));
        return 0;
    }

    private static Path newestRun() throws IOException {
        Path results = Path.of("results");
        if (!Files.isDirectory(results)) {
            throw new ConfigException("results/: no runs yet (give a run folder or raw.csv)");
        }
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("raw.csv")))
                    .max(Comparator.comparing(p -> p.resolve("raw.csv").toFile().lastModified()))
                    .orElseThrow(() -> new ConfigException("results/: no runs yet (give a run folder or raw.csv)"));
        }
    }
}
