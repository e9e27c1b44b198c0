package dev.lanebench.harness.cli;

import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.lane.Lane;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lanebench lanes}: every lane with its runner, model and whether it can run here. */
@Command(name = "lanes", mixinStandardHelpOptions = true, description = "List the lanes of lanes.yaml with runner, model and readiness.")
final class LanesCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        LaneSet lanes = config.lanes();
        String fmt = "%-24s %-8s %-28s %-8s %s%n";
        System.out.printf(fmt, "LANE", "RUNNER", "MODEL", "SANDBOX", "READY");
        for (Lane lane : lanes.all()) {
            Readiness r = LaneSandbox.readiness(lane, null, Environment.get());
            String model = lane.model() == null ? "-" : lane.modelName() + " (" + lane.model().id() + ")";
            System.out.printf(fmt, lane.name(), lane.runner(), model, LaneSandbox.of(lane, null).name(),
                    r.ready() ? "ready" : "not ready: " + r.reason());
        }
        return 0;
    }
}
