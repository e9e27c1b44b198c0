package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.CellStats;
import java.util.List;

/**
 * One model through two tool-paths: its flat lane against its claude lane, task by task (METHODOLOGY.md §4).
 *
 * @param rows      tasks on which at least one of the two lanes made an attempt, in table order
 * @param allTasks  the mean of the per-task medians over tasks where both lanes have one
 */
public record Comparison(String model, String flatLane, String claudeLane, List<Row> rows, Total allTasks) {

    /**
     * One task: the two cells (null when that lane never attempted the task) and Δ = claude median − flat
     * median, null unless both have a median.
     */
    public record Row(String task, String tier, CellStats flat, CellStats claude, Double delta) {
    }

    /** Means over the {@code tasks} tasks where both sides have a median; all null when there are none. */
    public record Total(int tasks, Double flatMean, Double claudeMean, Double delta) {
    }
}
