package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.raw.ScoreKey;
import dev.lanebench.scoring.raw.ScoreRecord;
import dev.lanebench.scoring.raw.ScoreRow;
import dev.lanebench.scoring.raw.ScoreSink;
import dev.lanebench.scoring.stats.CellTally;
import dev.lanebench.scoring.stats.LaneTally;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything the tables need from a stream of rows, kept per task version (task id and task_hash) and lane,
 * so rows of one task that ran in different versions are never pooled. One tally per chunk of a file when
 * reading in parallel; {@link #merge} joins them in file order. Not thread-safe.
 *
 * <p>Rows come either as {@link ScoreRow} objects or, from a file, as {@link ScoreRecord}s whose key number
 * leads straight to the row's cell and lane (a slot per key), so a million rows cost no map lookup each. One
 * tally takes one kind: key numbers belong to the reader that made them.
 */
final class RowTally implements ScoreSink {
    private final Set<String> onlyLanes; // null: every lane
    final Map<String, TaskTally> tasks = new LinkedHashMap<>();
    final Map<String, LaneTally> lanes = new LinkedHashMap<>();
    long rows;
    private Slot[] slots = new Slot[256];

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

    /** Where the rows of one key go; {@code cell} is null for a lane left out by the lane filter. */
    private record Slot(CellTally cell, LaneTally lane) {
    }

    @Override
    public void accept(ScoreRecord r) throws IOException {
        int key = r.key();
        Slot slot = key < slots.length ? slots[key] : null;
        if (slot == null) {
            slot = newSlot(key, r.keyOf(key));
        }
        if (slot.cell == null) {
            return;
        }
        rows++;
        var status = r.status();
        Boolean routeOk = r.routeOk();
        slot.cell.addUnboxed(status, r.composite(), routeOk);
        slot.lane.add(status, routeOk, r.costUsd(), r.inputTokens(), r.cachedTokens(), r.outputTokens(), r.agentS());
    }

    private Slot newSlot(int key, ScoreKey k) {
        if (key >= slots.length) {
            slots = Arrays.copyOf(slots, Math.max(key + 1, slots.length * 2));
        }
        Slot slot = onlyLanes != null && !onlyLanes.contains(k.lane()) ? new Slot(null, null)
                : new Slot(cell(k.task(), k.tier(), k.taskHash(), k.lane()), lane(k.lane(), k.runner(), k.model()));
        if (slot.lane != null) {
            slot.lane.noteSandbox(k.sandbox());
        }
        slots[key] = slot;
        return slot;
    }

    void accept(ScoreRow row) {
        if (onlyLanes != null && !onlyLanes.contains(row.lane())) {
            return;
        }
        rows++;
        cell(row.task(), row.tier(), row.taskHash(), row.lane()).add(row);
        lane(row.lane(), row.runner(), row.model()).add(row);
    }

    private CellTally cell(String task, String tier, String taskHash, String lane) {
        TaskTally t = tasks.computeIfAbsent(task, k -> new TaskTally(tier));
        return t.versions.computeIfAbsent(taskHash == null ? "" : taskHash, k -> new HashMap<>())
                .computeIfAbsent(lane, k -> new CellTally());
    }

    /** The lane's tally, noting the runner and model when they are not those of its first row. */
    private LaneTally lane(String lane, String runner, String model) {
        LaneTally t = lanes.computeIfAbsent(lane, k -> new LaneTally(lane, runner, model));
        t.noteIdentity(runner, model);
        return t;
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
