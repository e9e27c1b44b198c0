package dev.lanebench.harness.run;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.runners.lane.Lane;
import java.nio.file.Path;
import java.util.List;

/**
 * A run as asked for on the command line, after selection: which tasks and lanes, how many replications,
 * where the results go.
 *
 * @param tasks          the tasks, in catalogue order
 * @param lanes          the lanes, all ready
 * @param repsOverride   replications per cell, or null for each task's own reps
 * @param runDir         the results folder of this run (new, or the one being resumed)
 * @param resume         whether runDir holds an interrupted run to finish
 * @param parallel       attempts at once
 * @param retry          infra_error retries and backoff
 * @param keepWorkspaces leave workspaces on disk
 * @param args           the command line, for run.json
 * @param allLanes       every lane of lanes.yaml, whose keys are redacted from all output
 * @param sandbox        the sandbox backend for every lane ({@code --sandbox}), or null for each lane's own
 * @param skipped        lanes of lanes.yaml left out because they are not ready, with the reason
 * @param resumeCommand  the command line that finishes this run if it is stopped
 */
public record RunRequest(List<Task> tasks, List<Lane> lanes, Integer repsOverride, Path runDir, boolean resume,
                         int parallel, RetryPolicy retry, boolean keepWorkspaces, List<String> args,
                         List<Lane> allLanes, String sandbox, List<SkippedLane> skipped, String resumeCommand) {

    public RunRequest {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** Replication 1 of every cell first, then 2, …: a run cut short still covers every cell. */
    public List<Replication> plan() {
        int maxReps = tasks.stream().mapToInt(this::reps).max().orElse(0);
        List<Replication> plan = new java.util.ArrayList<>();
        for (int k = 1; k <= maxReps; k++) {
            for (Task t : tasks) {
                if (k <= reps(t)) {
                    for (Lane l : lanes) {
                        plan.add(new Replication(t, l, k));
                    }
                }
            }
        }
        return plan;
    }

    public int reps(Task t) {
        return repsOverride != null ? repsOverride : t.reps();
    }
}
