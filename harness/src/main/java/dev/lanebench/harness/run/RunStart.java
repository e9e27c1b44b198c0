package dev.lanebench.harness.run;

import dev.lanebench.scoring.raw.Status;
import java.util.List;
import java.util.Map;

/**
 * A run about to execute its plan.
 *
 * @param dir          the run folder
 * @param tasks        tasks in the plan
 * @param lanes        lanes in the plan
 * @param replications replications in the plan
 * @param alreadyDone  replications already final from before (a resumed run)
 * @param statusBefore attempts by status already in raw.csv (a resumed run), so counters include them
 * @param parallel     attempts at once
 * @param skipped      lanes not run, with the reason
 * @param resumed      whether this continues an interrupted run
 */
public record RunStart(RunDirectory dir, int tasks, int lanes, int replications, int alreadyDone,
                       Map<Status, Integer> statusBefore, int parallel, List<SkippedLane> skipped, boolean resumed) {
    public RunStart {
        statusBefore = Map.copyOf(statusBefore);
        skipped = List.copyOf(skipped);
    }
}
