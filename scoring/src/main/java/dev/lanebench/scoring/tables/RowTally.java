package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.raw.ScoreRow;
import dev.lanebench.scoring.stats.CellTally;
import dev.lanebench.scoring.stats.LaneTally;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything the tables need from a stream of rows, kept per task version (task id and task_hash) and lane,
 * so rows of one task that ran in different versions are never pooled. One tally per chunk of a file when
 * reading in parallel; {@link #merge} joins them in file order. Not thread-safe.
 */
final class RowTally implements Consumer<ScoreRow> {
    private final Set<String> onlyLanes; // null: every lane
    final Map<String, TaskTally> tasks = new LinkedHashMap<>();
    final Map<String, LaneTally> lanes = new LinkedHashMap<>();
    long rows;

    RowTally(Set<String> onlyLanes) {
        this.onlyLanes = onlyLanes;
    }

    /** One task's tier (the first seen) and its versions in order of first appearance, each with its cells by lane. */
    static final class TaskTally {
        final String tier;
        final Map<String, Map<String, CellTally>> versions = new LinkedHashMap<>(4);

        TaskTally(String tier) {
            this.tier = tier;
        }
    }

    @Override
    public void accept(ScoreRow row) {
        String lane = row.lane();
        if (onlyLanes != null && !onlyLanes.contains(lane)) {
            return;
        }
        rows++;
        TaskTally task = tasks.get(row.task());
        if (task == null) {
            task = new TaskTally(row.tier());
            tasks.put(row.task(), task);
        }
        String hash = row.taskHash() == null ? "" : row.taskHash();
        Map<String, CellTally> cells = task.versions.get(hash);
        if (cells == null) {
            cells = new HashMap<>();
            task.versions.put(hash, cells);
        }
        CellTally cell = cells.get(lane);
        if (cell == null) {
            cell = new CellTally();
            cells.put(lane, cell);
        }
        cell.add(row);
        LaneTally laneTally = lanes.get(lane);
        if (laneTally == null) {
            laneTally = new LaneTally(lane, row.runner(), row.model());
            lanes.put(lane, laneTally);
        }
        laneTally.add(row);
    }

    /** Adds a tally of later rows; {@code later} must not be used afterwards (its parts may be taken over). */
    void merge(RowTally later) {
        rows += later.rows;
        later.tasks.forEach((id, theirs) -> {
            TaskTally mine = tasks.computeIfAbsent(id, k -> new TaskTally(theirs.tier));
            theirs.versions.forEach((hash, cells) -> {
                Map<String, CellTally> myCells = mine.versions.computeIfAbsent(hash, k -> new HashMap<>());
                cells.forEach((lane, cell) -> {
                    CellTally myCell = myCells.putIfAbsent(lane, cell);
                    if (myCell != null) {
                        myCell.merge(cell);
                    }
                });
            });
        });
        later.lanes.forEach((lane, theirs) -> {
            LaneTally mine = lanes.putIfAbsent(lane, theirs);
            if (mine != null) {
                mine.merge(theirs);
            }
        });
    }
}
