package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.judge.AttemptId;
import dev.lanebench.scoring.judge.Judgement;
import dev.lanebench.scoring.judge.JudgementFile;
import dev.lanebench.scoring.raw.RawCsvHeader;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawCsvSchema;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.ScoreRow;
import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.CellTally;
import dev.lanebench.scoring.stats.DeltaSummary;
import dev.lanebench.scoring.stats.LaneTally;
import dev.lanebench.scoring.stats.LaneTotals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The results of one or more runs as tables: the matrix of cells (task version × lane), the flat-vs-harness
 * comparisons of each model, the lane totals and the notes worth reading next to them. Rendered by a
 * {@link ResultFormat} (md, csv, json, html; see {@link TableFormats}).
 */
public final class TableReport {
    static final String FLAT = "flat";
    /** Runners that are full agent CLIs: their lanes are compared with the flat lane of their model. */
    static final Set<String> HARNESS_RUNNERS = Set.of("claude", "codex");

    private final List<Source> sources;
    private final long rows;
    private final List<String> lanes;
    private final List<TaskRef> tasks; // in table order
    private final Map<String, Map<String, CellTally>> tallies; // task key → lane → tally, only cells with attempts
    private final Map<String, Map<String, CellStats>> cells;
    private final List<Comparison> comparisons;
    private final List<LaneTotals> laneTotals;
    private final List<String> notes;
    private final AttemptLog attempts;

    private TableReport(List<Source> sources, long rows, List<String> lanes, List<TaskRef> tasks,
            Map<String, Map<String, CellTally>> tallies, Map<String, Map<String, CellStats>> cells,
            List<Comparison> comparisons, List<LaneTotals> laneTotals, List<String> notes, AttemptLog attempts) {
        this.sources = sources;
        this.rows = rows;
        this.lanes = lanes;
        this.tasks = tasks;
        this.tallies = tallies;
        this.cells = cells;
        this.comparisons = comparisons;
        this.laneTotals = laneTotals;
        this.notes = notes;
        this.attempts = attempts;
    }

    public static TableReport of(List<RawRow> rows) {
        Builder builder = builder();
        rows.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The raw.csv files read through {@link Builder#addFile}, in order. */
    public List<Source> sources() {
        return sources;
    }

    /** How many rows went in (after the lane filter). */
    public long rows() {
        return rows;
    }

    /** The lane columns, in order. */
    public List<String> lanes() {
        return lanes;
    }

    /** The rows of the tables in order (by tier, then task, then version as first seen). */
    public List<TaskRef> taskRefs() {
        return tasks;
    }

    /** The row keys in table order: task ids, or {@code <task> @<version>} where a task ran in several versions. */
    public List<String> tasks() {
        return tasks.stream().map(TaskRef::key).toList();
    }

    /** The tier of a row key. */
    public String tier(String key) {
        for (TaskRef t : tasks) {
            if (t.key().equals(key)) {
                return t.tier();
            }
        }
        return null;
    }

    /** The cell, or null when the lane never attempted the task (version). */
    public CellStats cell(String key, String lane) {
        return cells.getOrDefault(key, Map.of()).get(lane);
    }

    /** The composites of a cell's scored, on-route attempts, ascending; empty when there are none. */
    public double[] replications(String key, String lane) {
        CellTally t = tallies.getOrDefault(key, Map.of()).get(lane);
        return t == null ? new double[0] : t.sortedComposites();
    }

    /** Every cell with at least one attempt, by task order then lane order. */
    public List<CellStats> cells() {
        List<CellStats> out = new ArrayList<>();
        for (TaskRef t : tasks) {
            for (String lane : lanes) {
                CellStats c = cell(t.key(), lane);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    public List<Comparison> comparisons() {
        return comparisons;
    }

    public List<LaneTotals> laneTotals() {
        return laneTotals;
    }

    /** The lane's totals, or null when it has no rows. */
    public LaneTotals laneTotals(String lane) {
        for (LaneTotals l : laneTotals) {
            if (l.lane().equals(lane)) {
                return l;
            }
        }
        return null;
    }

    /** Warnings about the data worth showing next to the tables (task versions, schemas, mixed lanes). */
    public List<String> notes() {
        return notes;
    }

    /** Every attempt, for reports that list and link them; null unless the builder was asked to keep them. */
    public AttemptLog attempts() {
        return attempts;
    }

    /**
     * Streams rows into per-cell tallies that keep only the composites the medians need, so a table over
     * millions of rows never holds the rows themselves. Files are read on every core. Not thread-safe.
     */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        private final Set<String> seenFiles = new HashSet<>();
        private RowTally tally = new RowTally(null);
        private List<String> onlyLanes;
        private AttemptLog attempts;
        private int threads = Runtime.getRuntime().availableProcessors();
        private String judge;
        private java.util.function.Function<RawRow, ScoreRow> scorer;
        private final JudgeNotes judgeNotes = new JudgeNotes();

        private Builder() {
        }

        /** Keeps only these lanes, as columns in this order; null or empty keeps all, sorted by name. Call first. */
        public Builder lanes(List<String> lanes) {
            if (tally.rows > 0 || !sources.isEmpty()) {
                throw new IllegalStateException("choose the lanes before adding rows");
            }
            this.onlyLanes = lanes == null || lanes.isEmpty() ? null : List.copyOf(new LinkedHashSet<>(lanes));
            this.tally = new RowTally(onlyLanes == null ? null : Set.copyOf(onlyLanes));
            return this;
        }

        /** Also keeps every attempt of the files read from now on (for reports that list them); reads on one thread. */
        public Builder keepAttempts() {
            this.attempts = new AttemptLog();
            return this;
        }

        /**
         * Which judgement file of a run folder to join (see {@link JudgementFile#choose}): a panel id, {@code none},
         * or null for the newest. Call before adding files.
         */
        public Builder judge(String panel) {
            this.judge = panel;
            return this;
        }

        /**
         * Scores each row of the files read from now on with {@code scorer} (e.g. recomputing its composite with other
         * weights), after its judgement is joined; the rows are then read on one thread.
         */
        public Builder scoreWith(java.util.function.Function<RawRow, ScoreRow> scorer) {
            this.scorer = scorer;
            return this;
        }

        /** How many threads read a file (default: one per core). */
        public Builder threads(int threads) {
            this.threads = Math.max(1, threads);
            return this;
        }

        public Builder add(RawRow row) {
            return add(ScoreRow.of(row));
        }

        public Builder add(ScoreRow row) {
            tally.accept(row);
            return this;
        }

        /**
         * Reads the rows of one raw.csv, or of {@code raw.csv} in a run folder (a half-written last line is
         * skipped). The same file given twice, e.g. as a run folder and as its raw.csv, is read once. When the
         * folder holds judgement files, one is joined (see {@link #judge}): the quality, composite and judge
         * cost of each attempt it judged replace raw.csv's.
         */
        public Builder addFile(Path rawCsvOrRunDir) throws IOException {
            Path rawCsv = Files.isDirectory(rawCsvOrRunDir) ? rawCsvOrRunDir.resolve("raw.csv") : rawCsvOrRunDir;
            Path canonical;
            try {
                canonical = rawCsv.toRealPath();
            } catch (IOException e) {
                canonical = rawCsv.toAbsolutePath().normalize();
            }
            if (!seenFiles.add(canonical.toString())) {
                return this;
            }
            long before = tally.rows;
            RawCsvHeader header;
            Path runDir = rawCsv.toAbsolutePath().normalize().getParent();
            Path judged = JudgementFile.choose(runDir, judge);
            if (attempts != null || judged != null || scorer != null) {
                // Joining judgements needs each row's attempt, which the chunked score read does not parse.
                int run = attempts == null ? -1 : attempts.addRun(runDir);
                Set<String> lanes = onlyLanes == null ? null : Set.copyOf(onlyLanes);
                Map<AttemptId, Judgement> judgements = judged == null ? Map.of() : JudgementFile.read(judged);
                JudgeNotes.Run notes = judged == null ? null : judgeNotes.run(runDir, judged,
                        JudgementFile.list(runDir).stream().filter(f -> !f.equals(judged)).toList());
                header = RawCsvReader.forEach(rawCsv, raw -> {
                    if (lanes != null && !lanes.contains(raw.lane())) {
                        return;
                    }
                    RawRow row = raw;
                    Judgement j = judgements.isEmpty() ? null : judgements.get(AttemptId.of(raw));
                    if (j != null && raw.status() == dev.lanebench.scoring.raw.Status.SCORED) {
                        row = j.applyTo(raw);
                        notes.joined(j);
                    }
                    tally.accept(scorer == null ? ScoreRow.of(row) : scorer.apply(row));
                    if (attempts != null) {
                        attempts.add(run, row);
                    }
                }).header();
                if (notes != null) {
                    notes.done();
                }
            } else {
                RawCsvReader.Chunks<RowTally> read = RawCsvReader.forEachScoreInChunks(rawCsv, threads,
                        () -> new RowTally(onlyLanes == null ? null : Set.copyOf(onlyLanes)));
                read.sinks().forEach(tally::merge);
                header = read.header();
            }
            sources.add(new Source(rawCsv.toString(), tally.rows - before, header));
            return this;
        }

        public TableReport build() {
            List<String> lanes = onlyLanes != null ? onlyLanes : tally.lanes.keySet().stream().sorted().toList();
            List<String> notes = new ArrayList<>();
            List<TaskRef> tasks = new ArrayList<>();
            Map<String, Map<String, CellTally>> tallies = new HashMap<>();
            tally.tasks.forEach((id, task) -> {
                List<String> hashes = new ArrayList<>(task.versions.keySet());
                Map<String, String> versions = TaskVersions.shortNames(hashes);
                for (String hash : hashes) {
                    String version = hashes.size() == 1 ? null : versions.get(hash);
                    String key = version == null ? id : id + " @" + version;
                    tasks.add(new TaskRef(key, id, task.tier, hash, version));
                    tallies.put(key, task.versions.get(hash));
                }
                if (hashes.size() > 1) {
                    notes.add("task " + id + " ran in " + hashes.size() + " versions (task_hash "
                            + String.join(", ", hashes.stream().map(versions::get).toList())
                            + "); each is its own row, never pooled with another");
                }
            });
            tasks.sort(Comparator.comparing(TaskRef::tier).thenComparing(TaskRef::task)); // stable: versions stay in order
            Map<String, Map<String, CellStats>> cells = new HashMap<>();
            for (TaskRef t : tasks) {
                Map<String, CellStats> row = new HashMap<>();
                tallies.get(t.key()).forEach((lane, cell) -> row.put(lane, cell.stats(t.key(), t.tier(), lane)));
                cells.put(t.key(), row);
            }
            List<LaneTotals> totals = new ArrayList<>();
            for (String lane : lanes) {
                LaneTally laneTally = tally.lanes.get(lane);
                if (laneTally == null) {
                    notes.add("lane " + lane + " has no rows");
                    continue;
                }
                LaneTotals laneTotals = laneTally.totals();
                totals.add(laneTotals);
                if (laneTotals.sandboxes().contains("none")) {
                    notes.add("lane " + lane + " ran attempts with sandbox none: its agents were not confined");
                }
                if (!laneTally.otherIdentities().isEmpty()) {
                    notes.add("lane " + lane + " has rows from more than one runner/model (" + laneTally.runner()
                            + "/" + laneTally.model() + ", " + String.join(", ", laneTally.otherIdentities())
                            + "); its cells mix them");
                }
            }
            notes.addAll(schemaNotes(sources));
            notes.addAll(judgeNotes.notes());
            List<Comparison> comparisons = comparisons(lanes, tasks, cells);
            return new TableReport(List.copyOf(sources), tally.rows, lanes, Collections.unmodifiableList(tasks),
                    tallies, cells, comparisons, List.copyOf(totals), List.copyOf(notes),
                    attempts == null ? null : attempts.resolve(tasks));
        }

        /** Says which raw.csv schemas were read where they are not the one this version writes. */
        private static List<String> schemaNotes(List<Source> sources) {
            Map<Integer, List<String>> older = new TreeMap<>();
            List<String> notes = new ArrayList<>();
            for (Source s : sources) {
                if (s.header().schema() < RawCsvSchema.VERSION) {
                    older.computeIfAbsent(s.header().schema(), k -> new ArrayList<>()).add(s.path());
                }
                if (!s.header().unknownColumns().isEmpty()) {
                    notes.add(s.path() + " is raw.csv " + s.header().describe()
                            + ", written by a newer lanebench; this one reads schema " + RawCsvSchema.VERSION
                            + " and ignored those columns");
                }
            }
            older.forEach((schema, paths) -> {
                List<String> missing = new ArrayList<>();
                for (RawCsvSchema.Column c : RawCsvSchema.Column.values()) {
                    if (c.since() > schema) {
                        missing.add(c.wire());
                    }
                }
                notes.add("read raw.csv schema " + schema + " (" + String.join(", ", paths) + "); this lanebench "
                        + "writes schema " + RawCsvSchema.VERSION + ", so " + String.join(", ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " empty there");
            });
            return notes;
        }

        /** One comparison per flat lane of a model that has harness lanes, models in name order. */
        private List<Comparison> comparisons(List<String> lanes, List<TaskRef> tasks,
                Map<String, Map<String, CellStats>> cells) {
            Map<String, List<String>> flatByModel = new TreeMap<>();
            Map<String, List<String>> harnessByModel = new TreeMap<>();
            for (String lane : lanes) {
                LaneTally t = tally.lanes.get(lane);
                if (t == null || t.model() == null) {
                    continue;
                }
                if (FLAT.equals(t.runner())) {
                    flatByModel.computeIfAbsent(t.model(), m -> new ArrayList<>()).add(lane);
                } else if (HARNESS_RUNNERS.contains(t.runner())) {
                    harnessByModel.computeIfAbsent(t.model(), m -> new ArrayList<>()).add(lane);
                }
            }
            List<Comparison> out = new ArrayList<>();
            flatByModel.forEach((model, flats) -> {
                List<String> harnessLanes = harnessByModel.getOrDefault(model, List.of());
                if (harnessLanes.isEmpty()) {
                    return;
                }
                List<Comparison.Harness> harnesses = harnesses(harnessLanes);
                for (String flat : flats) {
                    out.add(compare(model, flat, harnesses, tasks, cells));
                }
            });
            return List.copyOf(out);
        }

        /** Grouped by runner (claude before codex), in lane order within a runner. */
        private List<Comparison.Harness> harnesses(List<String> unsorted) {
            List<String> lanes = new ArrayList<>(unsorted);
            lanes.sort(Comparator.comparing(l -> tally.lanes.get(l).runner()));
            Map<String, Integer> perRunner = new HashMap<>();
            lanes.forEach(l -> perRunner.merge(tally.lanes.get(l).runner(), 1, Integer::sum));
            List<Comparison.Harness> out = new ArrayList<>();
            for (String lane : lanes) {
                String runner = tally.lanes.get(lane).runner();
                out.add(new Comparison.Harness(lane, runner,
                        perRunner.get(runner) == 1 ? runner : runner + " (" + lane + ")"));
            }
            return out;
        }

        private static Comparison compare(String model, String flatLane, List<Comparison.Harness> harnesses,
                List<TaskRef> tasks, Map<String, Map<String, CellStats>> cells) {
            List<Comparison.Row> rows = new ArrayList<>();
            List<List<DeltaSummary.Pair>> pairs = new ArrayList<>();
            harnesses.forEach(h -> pairs.add(new ArrayList<>()));
            for (TaskRef t : tasks) {
                Map<String, CellStats> row = cells.getOrDefault(t.key(), Map.of());
                CellStats flat = row.get(flatLane);
                List<CellStats> harness = new ArrayList<>();
                List<dev.lanebench.scoring.stats.Delta> deltas = new ArrayList<>();
                boolean any = flat != null;
                for (int i = 0; i < harnesses.size(); i++) {
                    CellStats h = row.get(harnesses.get(i).lane());
                    DeltaSummary.Pair pair = DeltaSummary.Pair.of(flat, h);
                    harness.add(h);
                    deltas.add(pair.delta());
                    pairs.get(i).add(pair);
                    any |= h != null;
                }
                if (any) {
                    rows.add(new Comparison.Row(t, flat, Collections.unmodifiableList(harness),
                            Collections.unmodifiableList(deltas)));
                }
            }
            return new Comparison(model, flatLane, List.copyOf(harnesses), List.copyOf(rows),
                    pairs.stream().map(DeltaSummary::of).toList());
        }
    }
}
