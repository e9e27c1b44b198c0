package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.config.LanebenchHome;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.tables.ResultFormat;
import dev.lanebench.scoring.tables.TableFormats;
import dev.lanebench.scoring.tables.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lanebench table}: the matrix and flat-vs-harness tables again, from one or many raw.csv files. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Print the tables of one or more runs (default: the newest under results/).",
            "Per cell: median composite (min–max, n); for each model with a flat lane and",
            "harness lanes (claude, codex): the comparison with each Δ and how clear it is.",
            "Rows of a task whose task_hash differs are shown as separate task versions.",
            "With --scoring-file, composites are recomputed from each row's components",
            "with that file's weights and cost budgets; otherwise they are the run's."})
final class TableCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Parameters(arity = "0..*", paramLabel = "RUN_DIR|raw.csv", description = "Run folders or raw.csv files.")
    List<Path> inputs;

    @Mixin
    RunInputs.TextFormat format;

    @Mixin
    RunInputs.LaneFilter lanes;

    @Mixin
    RunInputs.JudgeChoice judge;

    @Override
    public Integer call() throws IOException {
        ResultFormat<TableReport> fmt = TableFormats.named(format.name());
        ScoringConfig rescoring = config.scoringFileGiven() ? config.scoring() : null;
        List<Path> runs = inputs == null || inputs.isEmpty() ? List.of(newestRun()) : inputs;
        TableReport tables = RunInputs.tables(runs, lanes.lanes, judge.judge, rescoring);
        if (lanes.lanes != null) {
            List<String> missing = lanes.lanes.stream().filter(l -> tables.laneTotals(l) == null).distinct().toList();
            if (!missing.isEmpty()) {
                throw new ConfigException("--lanes: no rows of lane " + missing.stream().map(l -> "'" + l + "'")
                        .collect(Collectors.joining(", ")) + " in " + runs.stream().map(Path::toString)
                        .collect(Collectors.joining(", ")));
            }
        }
        if (rescoring != null) {
            System.err.println("composites recomputed with the weights and budgets of " + config.scoringFile());
        }
        System.out.print(fmt.render(tables));
        return 0;
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
