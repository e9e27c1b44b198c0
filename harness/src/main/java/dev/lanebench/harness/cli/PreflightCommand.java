package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.preflight.Preflight;
import dev.lanebench.harness.preflight.PreflightResult;
import dev.lanebench.harness.run.RunSession;
import dev.lanebench.harness.workspace.Workspace;
import dev.lanebench.runners.RunnerFactory;
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

/** {@code lanebench preflight}: proves each model lane's road (key, route, budget, price, real runner) before a run. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Check each model lane before a run pays for it: the key is",
            "set and accepted, the lane's model answers from a provider inside",
            "the endpoint's pin, a reasoning model is not cut off by max_tokens,",
            "the call's price; then a known-answer task (create ok.txt) through",
            "the lane's real runner, sandbox and grader. run and cell do this",
            "first unless --no-preflight. Exit 1 when a lane fails."})
final class PreflightCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--lanes", split = ",", paramLabel = "LANE", description = "Lanes to check (default: every model lane).")
    List<String> lanes;

    @Option(names = "--sandbox", paramLabel = "BACKEND", description = "Sandbox for the micro task (default: each lane's own).")
    String sandbox;

    @Option(names = "--out", paramLabel = "DIR", description = {"Keep the micro tasks' transcripts and routes here",
        "(default: a temporary folder, removed)."})
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LaneSet laneSet = config.lanes();
        List<Lane> chosen = new ArrayList<>();
        for (Lane lane : lanes == null ? new ArrayList<>(laneSet.all()) : laneSet.select(lanes)) {
            if (RunnerFactory.create(lane).modelDriven()) {
                chosen.add(lane);
            } else if (lanes != null) {
                System.out.println(lane.name() + ": runner " + lane.runner() + " calls no model; nothing to check");
            }
        }
        if (chosen.isEmpty()) {
            throw new ConfigException("preflight: no model lane to check");
        }
        if (sandbox != null && !dev.lanebench.runners.sandbox.Sandboxes.NAMES.contains(sandbox)) {
            throw new ConfigException("--sandbox: '" + sandbox + "' is not one of "
                    + String.join(", ", dev.lanebench.runners.sandbox.Sandboxes.NAMES));
        }
        Path folder = out != null ? out : Files.createTempDirectory("lanebench-preflight");
        try {
            Preflight preflight = new Preflight(Environment.get(), RunSession.redactor(new ArrayList<>(laneSet.all()),
                    Environment.get()), config.scoring(), sandbox, System.out, Preflight.MICRO_TASK_DEADLINE);
            List<PreflightResult> results = preflight.run(chosen, folder);
            if (out != null) {
                System.out.println("micro-task transcripts and routes: " + out);
            }
            return results.stream().allMatch(PreflightResult::passed) ? 0 : 1;
        } finally {
            if (out == null) {
                Workspace.deleteTree(folder);
            }
        }
    }
}
