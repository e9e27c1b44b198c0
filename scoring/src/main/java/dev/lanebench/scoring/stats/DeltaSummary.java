package dev.lanebench.scoring.stats;

import dev.lanebench.scoring.composite.Composite;
import java.util.List;

/**
 * The {@code all tasks} line of a comparison: over the tasks where both sides have a median, the two means,
 * the mean difference with its 95 % paired-bootstrap interval, and how many tasks moved which way.
 *
 * @param tasks     tasks with a median on both sides (the pairs)
 * @param baseMean  mean of the base side's medians over those tasks; null when there are none (so all below)
 * @param otherMean mean of the other side's medians
 * @param delta     otherMean − baseMean, which is also the mean of the per-task deltas
 * @param ciLow     lower end of the 95 % interval of {@code delta} ({@link PairedBootstrap})
 * @param ciHigh    upper end
 * @param up        tasks whose delta is above 0; {@code upClear} of them with disjoint ranges ({@link Delta#clear()})
 * @param down      tasks whose delta is below 0; {@code downClear} of them clear
 * @param same      tasks whose delta is exactly 0
 */
public record DeltaSummary(int tasks, Double baseMean, Double otherMean, Double delta, Double ciLow, Double ciHigh,
        int up, int down, int same, int upClear, int downClear) {

    /** The summary over {@code pairs}, each a task's two cells and their delta (rows without a delta are skipped). */
    public static DeltaSummary of(List<Pair> pairs) {
        List<Pair> both = pairs.stream().filter(p -> p.delta() != null).toList();
        if (both.isEmpty()) {
            return new DeltaSummary(0, null, null, null, null, null, 0, 0, 0, 0, 0);
        }
        double baseSum = 0;
        double otherSum = 0;
        double[] diffs = new double[both.size()];
        int up = 0;
        int down = 0;
        int same = 0;
        int upClear = 0;
        int downClear = 0;
        for (int i = 0; i < both.size(); i++) {
            Pair p = both.get(i);
            baseSum += p.base().median();
            otherSum += p.other().median();
            diffs[i] = p.delta().value();
            if (p.delta().value() > 0) {
                up++;
                upClear += p.delta().clear() ? 1 : 0;
            } else if (p.delta().value() < 0) {
                down++;
                downClear += p.delta().clear() ? 1 : 0;
            } else {
                same++;
            }
        }
        int n = both.size();
        double[] ci = PairedBootstrap.meanInterval(diffs);
        return new DeltaSummary(n, Composite.round(baseSum / n), Composite.round(otherSum / n),
                Composite.round(otherSum / n - baseSum / n), ci[0], ci[1], up, down, same, upClear, downClear);
    }

    /** One task's two cells (either may be null) and their delta (null unless both have a median). */
    public record Pair(CellStats base, CellStats other, Delta delta) {
        public static Pair of(CellStats base, CellStats other) {
            return new Pair(base, other, Delta.of(base, other));
        }
    }
}
