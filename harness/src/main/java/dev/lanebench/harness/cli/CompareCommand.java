package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.scoring.tables.CompareFormats;
import dev.lanebench.scoring.tables.RunComparison;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanebench compare}: two runs side by side per cell, for "did the model update / my harness change help?". */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Two runs side by side, per task and lane: median in A, median in B, the",
            "change B - A and whether the two runs' ranges are disjoint; per lane the mean",
            "change with its 95% interval (paired bootstrap over tasks)."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2", paramLabel = "RUN", description = "Run A and run B: run folders or raw.csv files.")
    List<Path> runs;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "md", completionCandidates = Formats.class,
            description = "md, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--lanes", split = ",", paramLabel = "LANE", description = "Only these lanes.")
    List<String> lanes;

    @Override
    public Integer call() {
        if (!CompareFormats.NAMES.contains(format)) {
            throw new ConfigException("--format: '" + format + "' is not one of " + String.join(", ", CompareFormats.NAMES));
        }
        RunComparison c = RunComparison.of(tables(runs.get(0)), tables(runs.get(1)));
        System.out.print(CompareFormats.named(format).render(c));
        return 0;
    }

    private TableReport tables(Path run) {
        Path file = Files.isDirectory(run) ? run.resolve("raw.csv") : run;
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": file not found");
        }
        try {
            return TableReport.builder().lanes(lanes).addFile(file).build();
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The formats {@code compare} prints. */
    static final class Formats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return CompareFormats.NAMES.iterator();
        }
    }
}
