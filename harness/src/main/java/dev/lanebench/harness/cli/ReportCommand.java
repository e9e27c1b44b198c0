package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.scoring.tables.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanebench report}: the tables of one or more runs as one self-contained html file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the results of one or more runs as one self-contained html file:",
            "the matrix with each cell's replications plotted, the comparisons with every",
            "delta's uncertainty drawn, lane cost, tokens and time, and every attempt",
            "linked to its checks, transcript and patch. Nothing is fetched from the network."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR|raw.csv", description = "Run folders or raw.csv files.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write it (default: report.html in the run folder when one is given, else here).")
    Path output;

    @Mixin
    RunInputs.LaneFilter lanes;

    @Mixin
    RunInputs.JudgeChoice judge;

    @Override
    public Integer call() {
        inputs.forEach(RunInputs::rawCsv);
        Path file = output != null ? output
                : inputs.size() == 1 && Files.isDirectory(inputs.get(0)) ? inputs.get(0).resolve("report.html")
                : Path.of("report.html");
        if (Files.isDirectory(file)) {
            throw new ConfigException("-o: " + file + " is a folder; give the file to write");
        }
        try {
            HtmlReport.write(file, inputs, lanes.lanes, judge.judge);
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        System.out.println("report: " + file);
        return 0;
    }
}
