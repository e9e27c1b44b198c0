package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.lanes.LaneSet;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lanebench cell TASK LANE}: rerun one cell, e.g. from CI. */
@Command(name = "cell", mixinStandardHelpOptions = true,
        description = {"Rerun one cell (task x lane) into a new results folder.",
            "Used by .github/workflows/cell.yml to rerun a cell in CI."})
final class CellCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    ExecutionOptions exec;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task id (see: lanebench tasks).")
    String task;

    @Parameters(index = "1", paramLabel = "LANE", description = "Lane name (see: lanebench lanes).")
    String lane;

    @Option(names = "--reps", paramLabel = "N", description = "Replications (default: the task's reps).")
    Integer reps;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (reps != null && reps < 1) {
            throw new ConfigException("--reps: must be at least 1, got " + reps);
        }
        Task t = config.catalogue().task(task);
        LaneSet laneSet = config.lanes();
        RunCommand.LaneChoice lanes = RunCommand.chooseLanes(laneSet, List.of(lane), exec.sandbox());
        return exec.execute(config, exec.request(config, List.of(t), lanes, reps, exec.newRunDir(), false,
                spec.commandLine().getParseResult().originalArgs(), laneSet));
    }
}
