package dev.lanebench.scoring.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.scoring.raw.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-task deltas and what the ranges allow one to say, and the all-tasks summary, on hand-worked cells. */
class DeltaTest {
    static CellStats cell(double... composites) {
        CellTally t = new CellTally();
        for (double c : composites) {
            t.add(Status.SCORED, c, true);
        }
        return t.stats("task", "t3_complex", "lane");
    }

    @Test
    void disjointRangesWithTwoAttemptsASideMakeTheDirectionClear() {
        // flat {2, 2.5, 3}: median 2.5, range [2, 3]; harness {3.5, 4}: median 3.75, range [3.5, 4]; 3.5 > 3
        Delta d = Delta.of(cell(2.0, 2.5, 3.0), cell(3.5, 4.0));

        assertThat(d.value()).isEqualTo(1.25);
        assertThat(d.rangesDisjoint()).isTrue();
        assertThat(d.singleAttempt()).isFalse();
        assertThat(d.clear()).isTrue();
    }

    @Test
    void overlappingOrTouchingRangesAreNotClear() {
        // flat {2, 3}: median 2.5; harness {2.8, 4}: median 3.4; 2.8 ≤ 3, so the ranges overlap
        Delta overlap = Delta.of(cell(2.0, 3.0), cell(2.8, 4.0));
        assertThat(overlap.value()).isEqualTo(0.9);
        assertThat(overlap.rangesDisjoint()).isFalse();
        assertThat(overlap.clear()).isFalse();
        // touching at 3.0 is not disjoint either
        assertThat(Delta.of(cell(2.0, 3.0), cell(3.0, 4.0)).rangesDisjoint()).isFalse();
    }

    @Test
    void aSideWithOneAttemptIsNeverClearEvenWhenItsPointLiesOutside() {
        Delta d = Delta.of(cell(2.0), cell(4.0, 4.5));

        assertThat(d.value()).isEqualTo(2.25);
        assertThat(d.rangesDisjoint()).isTrue();
        assertThat(d.singleAttempt()).isTrue();
        assertThat(d.clear()).isFalse();
    }

    @Test
    void downwardDeltasAreClearToo() {
        Delta d = Delta.of(cell(2.0, 3.0), cell(1.0, 1.5));

        assertThat(d.value()).isEqualTo(-1.25);
        assertThat(d.clear()).isTrue();
        assertThat(Delta.spread(cell(2.0, 3.0), cell(1.0, 1.5))).containsExactly(-2.0, -0.5);
    }

    @Test
    void noDeltaWithoutAMedianOnBothSides() {
        CellTally onlyErrors = new CellTally();
        onlyErrors.add(Status.INFRA_ERROR, null, null);

        assertThat(Delta.of(cell(2.0), onlyErrors.stats("task", "t1", "lane"))).isNull();
        assertThat(Delta.of(null, cell(2.0))).isNull();
    }

    @Test
    void allTasksSummaryCountsMovesAndGivesTheInterval() {
        // A: flat {2, 3} (2.5) vs {3.5, 4} (3.75): +1.25, clear
        // B: flat {2, 3} (2.5) vs {2.8, 4} (3.4): +0.9, overlap
        // C: flat {3, 3.2} (3.1) vs {3, 3.2} (3.1): 0
        // D: harness only errors: no delta, left out
        // flat mean (2.5 + 2.5 + 3.1)/3 = 2.7; harness mean (3.75 + 3.4 + 3.1)/3 = 3.41667; Δ = 0.71667
        // interval over {1.25, 0.9, 0}: [0, 1.25] (see PairedBootstrapTest)
        CellTally errors = new CellTally();
        errors.add(Status.INFRA_ERROR, null, null);
        DeltaSummary s = DeltaSummary.of(List.of(
                DeltaSummary.Pair.of(cell(2.0, 3.0), cell(3.5, 4.0)),
                DeltaSummary.Pair.of(cell(2.0, 3.0), cell(2.8, 4.0)),
                DeltaSummary.Pair.of(cell(3.0, 3.2), cell(3.0, 3.2)),
                DeltaSummary.Pair.of(cell(1.0), errors.stats("d", "t1", "lane"))));

        assertThat(s).isEqualTo(new DeltaSummary(3, 2.7, 3.4167, 0.7167, 0.0, 1.25, 2, 0, 1, 1, 0));
    }

    @Test
    void noPairsGiveAnEmptySummary() {
        assertThat(DeltaSummary.of(List.of())).isEqualTo(new DeltaSummary(0, null, null, null, null, null, 0, 0, 0, 0, 0));
    }
}
