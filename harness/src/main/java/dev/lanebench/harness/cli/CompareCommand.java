package dev.lanebench.harness.cli;

import dev.lanebench.scoring.tables.CompareFormats;
import dev.lanebench.scoring.tables.RunComparison;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lanebench compare}: two runs side by side per cell, for "did the model update / my harness change help?". */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Two runs side by side, per task and lane: median in A, median in B, the",
            "change B - A and whether the two runs' ranges are disjoint; per lane the mean",
            "change with its 95%% interval (paired bootstrap over tasks)."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_A", description = "The run compared from: a run folder or raw.csv.")
    Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run compared to: a run folder or raw.csv.")
    Path runB;

    @Mixin
    RunInputs.TextFormat format;

    @Mixin
    RunInputs.LaneFilter lanes;

    @Override
    public Integer call() {
        String fmt = format.name();
        RunComparison c = RunComparison.of(RunInputs.tables(List.of(runA), lanes.lanes),
                RunInputs.tables(List.of(runB), lanes.lanes));
        System.out.print(CompareFormats.named(fmt).render(c));
        return 0;
    }
}
