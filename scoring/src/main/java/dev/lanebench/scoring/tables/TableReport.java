package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.raw.RawCsvReader;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.ScoreRow;
import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.CellTally;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The tables of METHODOLOGY.md §4 built from raw rows, rendered as md, csv or json. */
public final class TableReport {
    static final String FLAT = "flat";
    static final String CLAUDE = "claude";

    private final List<String> sources;
    private final long rows;
    private final List<String> lanes;
    private final List<TaskRef> tasks; // in table order
    private final Map<String, Map<String, CellStats>> cells; // task → lane → stats, only cells with attempts
    private final List<Comparison> comparisons;
    private final List<LaneTotals> laneTotals;
    private final List<String> notes;

    private TableReport(List<String> sources, long rows, List<String> lanes, List<TaskRef> tasks,
            Map<String, Map<String, CellStats>> cells, List<Comparison> comparisons, List<LaneTotals> laneTotals,
            List<String> notes) {
        this.sources = sources;
        this.rows = rows;
        this.lanes = lanes;
        this.tasks = tasks;
        this.cells = cells;
        this.comparisons = comparisons;
        this.laneTotals = laneTotals;
        this.notes = notes;
    }

    public static TableReport of(List<RawRow> rows) {
        Builder builder = builder();
        rows.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String render(Format format) {
        return switch (format) {
            case MD -> MarkdownRenderer.render(this);
            case CSV -> CsvRenderer.render(this);
            case JSON -> JsonRenderer.render(this);
        };
    }

    /** The raw.csv files read through {@link Builder#addFile}, in order. */
    public List<String> sources() {
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

    /** Task ids in table order: by tier, then task. */
    public List<String> tasks() {
        return tasks.stream().map(TaskRef::task).toList();
    }

    /** The task's tier (the first seen, should runs disagree). */
    public String tier(String task) {
        for (TaskRef t : tasks) {
            if (t.task().equals(task)) {
                return t.tier();
            }
        }
        return null;
    }

    /** The cell, or null when the lane never attempted the task. */
    public CellStats cell(String task, String lane) {
        return cells.getOrDefault(task, Map.of()).get(lane);
    }

    /** Every cell with at least one attempt, by task order then lane order. */
    public List<CellStats> cells() {
        List<CellStats> out = new ArrayList<>();
        for (TaskRef t : tasks) {
            for (String lane : lanes) {
                CellStats c = cell(t.task(), lane);
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

    /** Warnings about the data worth showing next to the tables (e.g. a lane whose rows name two models). */
    public List<String> notes() {
        return notes;
    }

    public enum Format { MD, CSV, JSON }

    /** A task row of the tables and the tier it sorts under. */
    private record TaskRef(String task, String tier) {
    }

    /**
     * Streams rows into per-cell tallies that keep only the composites the medians need, so a table over
     * millions of rows never holds the rows themselves. Not thread-safe.
     */
    public static final class Builder {
        private final List<String> sources = new ArrayList<>();
        private final Set<String> seenFiles = new HashSet<>();
        private final Map<String, String> tiers = new HashMap<>();
        private final Map<String, Map<String, CellTally>> tallies = new HashMap<>();
        private final Map<String, LaneTally> laneTallies = new LinkedHashMap<>();
        private List<String> onlyLanes;
        private Set<String> onlyLaneSet;
        private long rows;

        private Builder() {
        }

        /** Keeps only these lanes, as columns in this order; null or empty keeps all, sorted by name. */
        public Builder lanes(List<String> lanes) {
            this.onlyLanes = lanes == null || lanes.isEmpty() ? null : List.copyOf(new LinkedHashSet<>(lanes));
            this.onlyLaneSet = onlyLanes == null ? null : Set.copyOf(onlyLanes);
            return this;
        }

        public Builder add(RawRow row) {
            return add(ScoreRow.of(row));
        }

        public Builder add(ScoreRow row) {
            if (onlyLaneSet != null && !onlyLaneSet.contains(row.lane())) {
                return this;
            }
            rows++;
            tiers.putIfAbsent(row.task(), row.tier());
            tallies.computeIfAbsent(row.task(), t -> new HashMap<>())
                    .computeIfAbsent(row.lane(), l -> new CellTally())
                    .add(row);
            laneTallies.computeIfAbsent(row.lane(), l -> new LaneTally(l, row.runner(), row.model())).add(row);
            return this;
        }

        /**
         * Streams the rows of one raw.csv, or of {@code raw.csv} in a run folder (a half-written last line is
         * skipped). The same file given twice, e.g. as a run folder and as its raw.csv, is read once.
         */
        public Builder addFile(Path rawCsvOrRunDir) throws IOException {
            Path rawCsv = Files.isDirectory(rawCsvOrRunDir) ? rawCsvOrRunDir.resolve("raw.csv") : rawCsvOrRunDir;
            Path canonical;
            try {
                canonical = rawCsv.toRealPath();
            } catch (IOException e) {
                canonical = rawCsv.toAbsolutePath().normalize();
            }
            if (seenFiles.add(canonical.toString())) {
                sources.add(rawCsv.toString());
                RawCsvReader.forEachScore(rawCsv, this::add);
            }
            return this;
        }

        public TableReport build() {
            List<String> lanes = onlyLanes != null ? onlyLanes : laneTallies.keySet().stream().sorted().toList();
            List<TaskRef> tasks = new ArrayList<>();
            tiers.forEach((task, tier) -> tasks.add(new TaskRef(task, tier)));
            tasks.sort(Comparator.comparing(TaskRef::tier).thenComparing(TaskRef::task));

            Map<String, Map<String, CellStats>> cells = new HashMap<>();
            tallies.forEach((task, byLane) -> {
                Map<String, CellStats> row = new HashMap<>();
                byLane.forEach((lane, tally) -> row.put(lane, tally.stats(task, tiers.get(task), lane)));
                cells.put(task, row);
            });

            List<LaneTotals> totals = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (String lane : lanes) {
                LaneTally tally = laneTallies.get(lane);
                if (tally == null) {
                    notes.add("lane " + lane + " has no rows");
                    continue;
                }
                totals.add(tally.totals());
                if (!tally.otherIdentities().isEmpty()) {
                    notes.add("lane " + lane + " has rows from more than one runner/model (" + tally.runner() + "/"
                            + tally.model() + ", " + String.join(", ", tally.otherIdentities())
                            + "); its cells mix them");
                }
            }
            List<Comparison> comparisons = comparisons(lanes, tasks, cells);
            return new TableReport(List.copyOf(sources), rows, lanes, Collections.unmodifiableList(tasks), cells,
                    comparisons, List.copyOf(totals), List.copyOf(notes));
        }

        /** One comparison per (flat lane, claude lane) pair of the same model, models in name order. */
        private List<Comparison> comparisons(List<String> lanes, List<TaskRef> tasks,
                Map<String, Map<String, CellStats>> cells) {
            Map<String, List<String>> flatByModel = new TreeMap<>();
            Map<String, List<String>> claudeByModel = new TreeMap<>();
            for (String lane : lanes) {
                LaneTally t = laneTallies.get(lane);
                if (t == null || t.model() == null) {
                    continue;
                }
                if (FLAT.equals(t.runner())) {
                    flatByModel.computeIfAbsent(t.model(), m -> new ArrayList<>()).add(lane);
                } else if (CLAUDE.equals(t.runner())) {
                    claudeByModel.computeIfAbsent(t.model(), m -> new ArrayList<>()).add(lane);
                }
            }
            List<Comparison> out = new ArrayList<>();
            flatByModel.forEach((model, flats) -> {
                for (String flat : flats) {
                    for (String claude : claudeByModel.getOrDefault(model, List.of())) {
                        out.add(compare(model, flat, claude, tasks, cells));
                    }
                }
            });
            return List.copyOf(out);
        }

        private static Comparison compare(String model, String flatLane, String claudeLane, List<TaskRef> tasks,
                Map<String, Map<String, CellStats>> cells) {
            List<Comparison.Row> rows = new ArrayList<>();
            double flatSum = 0;
            double claudeSum = 0;
            int both = 0;
            for (TaskRef t : tasks) {
                Map<String, CellStats> row = cells.getOrDefault(t.task(), Map.of());
                CellStats flat = row.get(flatLane);
                CellStats claude = row.get(claudeLane);
                if (flat == null && claude == null) {
                    continue;
                }
                Double delta = null;
                if (flat != null && claude != null && flat.median() != null && claude.median() != null) {
                    delta = Composite.round(claude.median() - flat.median());
                    flatSum += flat.median();
                    claudeSum += claude.median();
                    both++;
                }
                rows.add(new Comparison.Row(t.task(), t.tier(), flat, claude, delta));
            }
            Comparison.Total total = both == 0
                    ? new Comparison.Total(0, null, null, null)
                    : new Comparison.Total(both, Composite.round(flatSum / both), Composite.round(claudeSum / both),
                            Composite.round(claudeSum / both - flatSum / both));
            return new Comparison(model, flatLane, claudeLane, List.copyOf(rows), total);
        }
    }
}
