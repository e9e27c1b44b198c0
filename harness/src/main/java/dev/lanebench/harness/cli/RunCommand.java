package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.run.RunManifest;
import dev.lanebench.harness.run.RunRequest;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.lane.Lane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lanebench run}: lanes × tasks × replications into a new results folder, or the rest of an interrupted one. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run lanes x tasks x replications into results/<run-id>/.",
            "Every attempt becomes a row of raw.csv. Without --lanes, every ready lane",
            "runs and the others are named with the reason they were skipped."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    ExecutionOptions exec;

    @Spec
    CommandSpec spec;

    @Option(names = "--lanes", split = ",", paramLabel = "LANE", description = "Lanes to run (default: every ready lane).")
    List<String> lanes;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Tasks to run (default: the whole catalogue).")
    List<String> tasks;

    @Option(names = "--tier", paramLabel = "TIER", description = "Only tasks of this tier.")
    String tier;

    @Option(names = "--reps", paramLabel = "N", description = "Replications per cell (default: each task's reps).")
    Integer reps;

    @Option(names = "--resume", paramLabel = "DIR", description = "Finish an interrupted run in DIR: its plan comes from DIR/run.json.")
    Path resume;

    @Option(names = "--dry-run", description = "Print the plan and exit without running anything.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (reps != null && reps < 1) {
            throw new ConfigException("--reps: must be at least 1, got " + reps);
        }
        Catalogue catalogue = config.catalogue();
        LaneSet laneSet = config.lanes();
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        if (resume != null) {
            return resume(catalogue, laneSet, args);
        }
        List<Task> chosenTasks = catalogue.select(tasks, tier);
        if (chosenTasks.isEmpty()) {
            throw new ConfigException("no tasks selected (check --tasks and --tier)");
        }
        List<Lane> chosenLanes = chooseLanes(laneSet, lanes, exec.sandbox());
        if (dryRun) {
            return dryRun(chosenTasks, chosenLanes);
        }
        return exec.execute(config, chosenTasks, chosenLanes, reps, exec.newRunDir(), false, args, laneSet);
    }

    private Integer resume(Catalogue catalogue, LaneSet laneSet, List<String> args) throws IOException, InterruptedException {
        if (lanes != null || tasks != null || tier != null || reps != null) {
            throw new ConfigException("--resume: the plan comes from " + resume.resolve("run.json")
                    + "; do not combine it with --lanes, --tasks, --tier or --reps");
        }
        if (!Files.isRegularFile(resume.resolve("run.json"))) {
            throw new ConfigException("--resume: " + resume + " holds no run.json (not a lanebench run folder)");
        }
        RunManifest manifest = RunManifest.read(resume.resolve("run.json"));
        List<Task> planTasks = manifest.taskIds().stream().map(catalogue::task).toList();
        List<Lane> planLanes = chooseLanes(laneSet, manifest.laneNames(), exec.sandbox());
        if (dryRun) {
            return dryRun(planTasks, planLanes);
        }
        return exec.execute(config, planTasks, planLanes, manifest.repsOverride(), resume, true, args, laneSet);
    }

    /** Named lanes must all be ready (exit 2 otherwise); with none named, the ready ones run and the rest are listed. */
    static List<Lane> chooseLanes(LaneSet laneSet, List<String> names, String sandbox) {
        List<Lane> chosen = new ArrayList<>();
        if (names != null && !names.isEmpty()) {
            for (Lane lane : laneSet.select(names)) {
                Readiness r = LaneSandbox.readiness(lane, sandbox, Environment.get());
                if (!r.ready()) {
                    throw new ConfigException("lane " + lane.name() + " is not ready: " + r.reason());
                }
                chosen.add(lane);
            }
            return chosen;
        }
        for (Lane lane : laneSet.all()) {
            Readiness r = LaneSandbox.readiness(lane, sandbox, Environment.get());
            if (r.ready()) {
                chosen.add(lane);
            } else {
                System.out.println("skipping lane " + lane.name() + ": " + r.reason());
            }
        }
        if (chosen.isEmpty()) {
            throw new ConfigException("no lane is ready (see: lanebench lanes)");
        }
        return chosen;
    }

    private Integer dryRun(List<Task> chosenTasks, List<Lane> chosenLanes) {
        RunRequest req = new RunRequest(chosenTasks, chosenLanes, reps, Path.of("."), false, 1, exec.retry(), false, List.of(),
                List.of(), exec.sandbox());
        System.out.println("plan: " + chosenTasks.size() + " tasks × " + chosenLanes.size() + " lanes = "
                + req.plan().size() + " replications (up to " + (1 + exec.retry().retries()) + " attempts each on infra errors)");
        for (Task t : chosenTasks) {
            for (Lane l : chosenLanes) {
                System.out.printf("  %-32s %-24s reps %d, deadline %d s, sandbox %s%n", t.id(), l.name(), req.reps(t),
                        t.deadline().toSeconds(), LaneSandbox.of(l, exec.sandbox()).name());
            }
        }
        return 0;
    }
}
