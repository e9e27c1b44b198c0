package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;
import java.util.List;

/**
 * One model through its tool-paths: its flat lane against each of its harness lanes (lanes whose runner is a
 * full agent CLI: claude, codex), task by task, side by side.
 *
 * @param harnesses  the harness lanes, in column order
 * @param rows       tasks on which at least one of the lanes made an attempt, in table order
 * @param allTasks   one summary per harness lane, in column order: over the tasks where that lane and the
 *                   flat lane both have a median
 */
public record Comparison(String model, String flatLane, List<Harness> harnesses, List<Row> rows,
        List<DeltaSummary> allTasks) {

    /** A harness lane and the short name its columns carry: the runner, or runner and lane when two share a runner. */
    public record Harness(String lane, String runner, String label) {
    }

    /**
     * One task: the flat cell and the harness cells in column order (null where a lane never attempted the
     * task), and per harness lane Δ = harness median − flat median (null unless both have a median).
     */
    public record Row(TaskRef task, CellStats flat, List<CellStats> harness, List<Delta> deltas) {
    }
}
