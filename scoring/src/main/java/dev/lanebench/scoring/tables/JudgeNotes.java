package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.judge.Judgement;
import dev.lanebench.scoring.judge.JudgementFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the tables say about the judgements they joined: which file gave the quality of which run, the attempts
 * no judge answered for (quality empty, not 0) and the cells where the panel disagreed, cell by cell, and what
 * the judges cost apart from the lanes.
 */
final class JudgeNotes {
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<String>> noAnswer = new LinkedHashMap<>(); // cell → attempts
    private final Map<String, List<String>> disagreements = new LinkedHashMap<>();
    private final Map<String, Double> spreads = new LinkedHashMap<>();

    /** A run whose rows were joined with {@code file}; {@code others} are the run's other judgement files. */
    Run run(Path runDir, Path file, List<Path> others) {
        return new Run(runDir, file, others);
    }

    /** The joining of one run's judgement file. */
    final class Run {
        private final Path runDir;
        private final Path file;
        private final List<Path> others;
        private int joined;
        private Double cost;
        private final Map<String, Integer> leftOut = new java.util.TreeMap<>(); // why → members left out

        private Run(Path runDir, Path file, List<Path> others) {
            this.runDir = runDir;
            this.file = file;
            this.others = others;
        }

        /** An attempt of the table whose quality and composite came from {@code j}. */
        void joined(Judgement j) {
            joined++;
            if (j.judgeCostUsd() != null) {
                cost = (cost == null ? 0 : cost) + j.judgeCostUsd();
            }
            j.leftOut().forEach(m -> leftOut.merge(m.status().wire().replace('_', ' '), 1, Integer::sum));
            String cell = j.id().task() + " × " + j.id().lane();
            String attempt = "r" + j.id().replication() + "-a" + j.id().attempt();
            if (j.status() == Judgement.Status.NO_ANSWER) {
                noAnswer.computeIfAbsent(cell, k -> new ArrayList<>()).add(attempt);
            }
            if (j.disagreement()) {
                disagreements.computeIfAbsent(cell, k -> new ArrayList<>())
                        .add(attempt + " " + String.format(Locale.ROOT, "%.2f–%.2f", j.low(), j.high()));
                spreads.merge(cell, j.maxSpread(), Math::min);
            }
        }

        /** Adds the run's note once its rows are read. */
        void done() {
            StringBuilder b = new StringBuilder("quality from ").append(file).append(" (panel ")
                    .append(JudgementFile.panelOf(file)).append("): ").append(joined)
                    .append(joined == 1 ? " attempt" : " attempts")
                    .append(" joined, their composites recomputed with it");
            if (!leftOut.isEmpty()) {
                b.append("; judges' answers left out: ").append(String.join(", ", leftOut.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).toList()));
            }
            if (cost != null) {
                b.append("; judges cost ").append(String.format(Locale.ROOT, "$%.4f", cost))
                        .append(", kept apart from the lanes' cost");
            }
            if (!others.isEmpty()) {
                b.append("; ").append(runDir).append(" was also judged by ")
                        .append(String.join(", ", others.stream().map(JudgementFile::panelOf).toList()))
                        .append(" (choose with --judge)");
            }
            notes.add(b.toString());
        }
    }

    /** The notes, run by run, then cell by cell. */
    List<String> notes() {
        List<String> out = new ArrayList<>(notes);
        noAnswer.forEach((cell, attempts) -> out.add("judge: no panel member answered for " + cell + " "
                + String.join(", ", attempts) + ": quality left empty, not 0"));
        disagreements.forEach((cell, attempts) -> out.add("judge disagreement in " + cell + ": "
                + String.join(", ", attempts) + String.format(Locale.ROOT, " (spread over %.2f)", spreads.get(cell))));
        return out;
    }
}
