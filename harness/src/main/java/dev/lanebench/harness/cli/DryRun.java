package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.estimate.PlanEstimate;
import dev.lanebench.harness.estimate.TokenEstimates;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.harness.run.Replication;
import dev.lanebench.harness.run.RunRequest;
import dev.lanebench.harness.run.Shard;
import dev.lanebench.harness.run.SkippedLane;
import dev.lanebench.runners.lane.Lane;
import java.util.List;
import java.util.Locale;

/**
 * {@code run --dry-run}: the plan a validated request would carry out (the shard's slice of it), with its estimated
 * cost and worst-case time, printed instead of run.
 */
final class DryRun {
    private DryRun() {
    }

    static int print(RunRequest req, TokenEstimates estimates) {
        List<Replication> mine = req.myPlan();
        Shard shard = req.controls().shard();
        for (SkippedLane s : req.skipped()) {
            System.out.println("skipping lane " + s.lane() + ": " + s.reason());
        }
        System.out.println("plan: " + req.tasks().size() + " tasks × " + req.lanes().size() + " lanes = "
                + req.plan().size() + " replications" + (shard == null ? "" : ", shard " + shard + ": " + mine.size())
                + " (up to " + (1 + req.retry().retries())
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
                long reps = mine.stream().filter(r -> r.task() == t && r.lane() == l).count();
                if (reps == 0) {
                    continue;
                }
                Double usd = estimates.of(t, l).usd(l);
                System.out.printf(Locale.ROOT, "  %-32s %-24s reps %d, deadline %d s, est. %s per attempt%n", t.id(),
                        l.name(), reps, t.deadline().toSeconds(),
                        usd == null ? "unknown" : String.format(Locale.ROOT, "$%.3f", usd));
            }
        }
        System.out.print(PlanEstimate.of(mine, estimates).render(req.parallel(), req.retry().retries()));
        return 0;
    }
}
