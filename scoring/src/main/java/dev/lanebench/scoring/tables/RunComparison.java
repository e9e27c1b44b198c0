package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;
import dev.lanebench.scoring.stats.LaneTotals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two runs side by side, cell by cell (task × lane): A's median, B's, the change B − A with what the
 * replications allow one to say about it, and per lane the mean change over tasks with its paired-bootstrap
 * interval. For "did the model update help?" and "did my harness change help?". A task whose hash differs
 * between the runs is still paired, and marked: its change mixes the task's change with the lane's.
 */
public final class RunComparison {
    private final TableReport a;
    private final TableReport b;
    private final List<LaneTable> lanes;
    private final List<String> notes;

    private RunComparison(TableReport a, TableReport b, List<LaneTable> lanes, List<String> notes) {
        this.a = a;
        this.b = b;
        this.lanes = lanes;
        this.notes = notes;
    }

    /**
     * A task row of the comparison: the task as each run has it (null where a run never ran it).
     *
     * @param key display name: the task id, or {@code <task> @<version>} where versions cannot be paired one to one
     */
    public record TaskPair(String key, String tier, TaskRef a, TaskRef b) {
        /** Both runs ran the task, from different task folders. */
        public boolean taskChanged() {
            return a != null && b != null && !a.hash().equals(b.hash());
        }
    }

    /** One task of one lane: the two cells (null where that run has none) and B − A. */
    public record Row(TaskPair task, CellStats a, CellStats b, Delta change) {
    }

    /** One lane: its runner and model in each run (null where it did not run), its rows and the all-tasks summary. */
    public record LaneTable(String lane, LaneTotals a, LaneTotals b, List<Row> rows, DeltaSummary allTasks) {
    }

    public static RunComparison of(TableReport a, TableReport b) {
        List<String> notes = new ArrayList<>();
        a.notes().forEach(n -> notes.add("A: " + n));
        b.notes().forEach(n -> notes.add("B: " + n));
        List<TaskPair> tasks = pairTasks(a, b, notes);
        TreeSet<String> laneNames = new TreeSet<>(a.lanes());
        laneNames.addAll(b.lanes());
        List<LaneTable> tables = new ArrayList<>();
        for (String lane : laneNames) {
            LaneTotals ta = a.laneTotals(lane);
            LaneTotals tb = b.laneTotals(lane);
            if (ta == null || tb == null) {
                notes.add("lane " + lane + " ran only in " + (ta == null ? "B" : "A"));
            } else if (!Objects.equals(ta.runner(), tb.runner()) || !Objects.equals(ta.model(), tb.model())) {
                notes.add("lane " + lane + " is " + ta.runner() + "/" + ta.model() + " in A and " + tb.runner() + "/"
                        + tb.model() + " in B");
            }
            List<Row> rows = new ArrayList<>();
            List<DeltaSummary.Pair> pairs = new ArrayList<>();
            for (TaskPair t : tasks) {
                CellStats ca = t.a() == null ? null : a.cell(t.a().key(), lane);
                CellStats cb = t.b() == null ? null : b.cell(t.b().key(), lane);
                if (ca == null && cb == null) {
                    continue;
                }
                DeltaSummary.Pair pair = DeltaSummary.Pair.of(ca, cb);
                pairs.add(pair);
                rows.add(new Row(t, ca, cb, pair.delta()));
            }
            tables.add(new LaneTable(lane, ta, tb, List.copyOf(rows), DeltaSummary.of(pairs)));
        }
        return new RunComparison(a, b, List.copyOf(tables), List.copyOf(notes));
    }

    /**
     * Pairs each task's versions across the runs: equal hashes first; then, where one version is left on each
     * side, those two (the task changed between the runs); what is left stands alone.
     */
    private static List<TaskPair> pairTasks(TableReport a, TableReport b, List<String> notes) {
        Map<String, List<TaskRef>> byTaskA = byTask(a);
        Map<String, List<TaskRef>> byTaskB = byTask(b);
        TreeSet<String> ids = new TreeSet<>(byTaskA.keySet());
        ids.addAll(byTaskB.keySet());
        List<TaskPair> out = new ArrayList<>();
        for (String id : ids) {
            List<TaskRef> leftA = new ArrayList<>(byTaskA.getOrDefault(id, List.of()));
            List<TaskRef> leftB = new ArrayList<>(byTaskB.getOrDefault(id, List.of()));
            List<TaskRef[]> pairs = new ArrayList<>();
            for (TaskRef ra : List.copyOf(leftA)) {
                for (TaskRef rb : List.copyOf(leftB)) {
                    if (ra.hash().equals(rb.hash())) {
                        pairs.add(new TaskRef[] {ra, rb});
                        leftA.remove(ra);
                        leftB.remove(rb);
                        break;
                    }
                }
            }
            if (leftA.size() == 1 && leftB.size() == 1) {
                TaskRef ra = leftA.remove(0);
                TaskRef rb = leftB.remove(0);
                pairs.add(new TaskRef[] {ra, rb});
                notes.add("task " + id + " changed between the runs (task_hash " + shortHash(ra, rb, true) + " in A, "
                        + shortHash(ra, rb, false) + " in B); its change mixes the task's change with the lanes'");
            }
            leftA.forEach(r -> pairs.add(new TaskRef[] {r, null}));
            leftB.forEach(r -> pairs.add(new TaskRef[] {null, r}));
            boolean single = pairs.size() == 1;
            for (TaskRef[] p : pairs) {
                TaskRef any = p[0] != null ? p[0] : p[1];
                String key = single ? id : id + " @" + shortHash(p[0], p[1], p[0] != null);
                out.add(new TaskPair(key, any.tier(), p[0], p[1]));
            }
        }
        out.sort(Comparator.comparing(TaskPair::tier).thenComparing(t -> t.a() != null ? t.a().task() : t.b().task()));
        return out;
    }

    private static String shortHash(TaskRef a, TaskRef b, boolean ofA) {
        List<String> hashes = new ArrayList<>();
        if (a != null) {
            hashes.add(a.hash());
        }
        if (b != null && (a == null || !b.hash().equals(a.hash()))) {
            hashes.add(b.hash());
        }
        return TaskVersions.shortNames(hashes).get(ofA ? a.hash() : b.hash());
    }

    private static Map<String, List<TaskRef>> byTask(TableReport r) {
        Map<String, List<TaskRef>> out = new LinkedHashMap<>();
        r.taskRefs().forEach(t -> out.computeIfAbsent(t.task(), k -> new ArrayList<>()).add(t));
        return out;
    }

    /** Run A's tables. */
    public TableReport a() {
        return a;
    }

    /** Run B's tables. */
    public TableReport b() {
        return b;
    }

    /** One table per lane that ran in either run, lanes in name order. */
    public List<LaneTable> lanes() {
        return lanes;
    }

    public List<String> notes() {
        return notes;
    }
}
