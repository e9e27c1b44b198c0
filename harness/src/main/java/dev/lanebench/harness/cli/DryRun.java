package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.harness.run.RunRequest;
import dev.lanebench.harness.run.SkippedLane;
import dev.lanebench.runners.lane.Lane;

/** {@code run --dry-run}: the plan a validated request would carry out, printed instead of run. */
final class DryRun {
    private DryRun() {
    }

    static int print(RunRequest req) {
        for (SkippedLane s : req.skipped()) {
            System.out.println("skipping lane " + s.lane() + ": " + s.reason());
        }
        System.out.println("plan: " + req.tasks().size() + " tasks × " + req.lanes().size() + " lanes = "
                + req.plan().size() + " replications (up to " + (1 + req.retry().retries())
                + " attempts each on infra errors), parallel " + req.parallel()
                + (req.resume() ? ", resuming " : ", into ") + req.runDir());
        System.out.println("lanes:");
        for (Lane l : req.lanes()) {
            LaneSandbox s = LaneSandbox.of(l, req.sandbox());
            String model = l.model() == null ? "no model" : "model " + l.model().id();
            System.out.printf("  %-24s %-7s %-36s sandbox %s (%s)%n", l.name(), l.runner(), model, s.name(),
                    s.sandbox().isolates() ? s.limits().describe() : "NOT isolated");
        }
        System.out.println("cells:");
        for (Task t : req.tasks()) {
            for (Lane l : req.lanes()) {
                System.out.printf("  %-32s %-24s reps %d, deadline %d s%n", t.id(), l.name(), req.reps(t),
                        t.deadline().toSeconds());
            }
        }
        return 0;
    }
}
