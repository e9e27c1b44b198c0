package dev.lanebench.scoring.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.scoring.raw.Status;
import org.junit.jupiter.api.Test;

/** Per-cell statistics and which attempts may count in them. */
class CellTallyTest {
    private static CellStats stats(CellTally t) {
        return t.stats("task", "t1_trivial", "lane");
    }

    private static CellTally scored(double... composites) {
        CellTally t = new CellTally();
        for (double c : composites) {
            t.add(Status.SCORED, c, true);
        }
        return t;
    }

    @Test
    void medianOfOddCountIsTheMiddleValue() {
        CellStats s = stats(scored(4.4, 1.0, 3.9));

        assertThat(s.n()).isEqualTo(3);
        assertThat(s.median()).isEqualTo(3.9);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(4.4);
    }

    @Test
    void medianOfEvenCountIsMeanOfMiddleTwo() {
        assertThat(stats(scored(4.29, 1.76)).median()).isEqualTo(3.025);
        assertThat(stats(scored(5, 1, 2, 3)).median()).isEqualTo(2.5);
    }

    @Test
    void singleValueIsItsOwnMedianMinAndMax() {
        CellStats s = stats(scored(4.36));
        assertThat(s).extracting(CellStats::n, CellStats::median, CellStats::min, CellStats::max)
                .containsExactly(1, 4.36, 4.36, 4.36);
    }

    @Test
    void iqrOnlyFromFourValuesByLinearInterpolation() {
        assertThat(stats(scored(1, 2, 3)).iqr()).isNull();
        // sorted 1,2,3,4: Q1 at rank 0.75 → 1.75, Q3 at rank 2.25 → 3.25
        assertThat(stats(scored(4, 1, 3, 2)).iqr()).isEqualTo(1.5);
        // sorted 1,2,3,4,10: Q1 = 2, Q3 = 4
        assertThat(stats(scored(10, 1, 2, 3, 4)).iqr()).isEqualTo(2.0);
    }

    @Test
    void infraAndVerifyErrorsAreCountedButNeverInTheMedian() {
        CellTally t = scored(2.0, 4.0);
        t.add(Status.INFRA_ERROR, null, null);
        t.add(Status.INFRA_ERROR, null, false);
        t.add(Status.VERIFY_ERROR, null, true);

        CellStats s = stats(t);
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.infraErrors()).isEqualTo(2);
        assertThat(s.verifyErrors()).isEqualTo(1);
        assertThat(s.attempts()).isEqualTo(5);
    }

    @Test
    void offRouteScoreIsExcludedFromTheCellAndCounted() {
        CellTally t = scored(2.0);
        t.add(Status.SCORED, 5.0, false); // answered by another model: must not lift this lane

        CellStats s = stats(t);
        assertThat(s.n()).isEqualTo(1);
        assertThat(s.median()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(2.0);
        assertThat(s.offRoute()).isEqualTo(1);
    }

    @Test
    void unknownRouteCountsAsTheLanesOwn() {
        CellTally t = new CellTally();
        t.add(Status.SCORED, 5.0, null); // oracle / noop lanes have no model to check

        assertThat(stats(t).n()).isEqualTo(1);
        assertThat(stats(t).offRoute()).isZero();
    }

    @Test
    void cellWithOnlyErrorsHasNoMedian() {
        CellTally t = new CellTally();
        t.add(Status.INFRA_ERROR, null, null);

        CellStats s = stats(t);
        assertThat(s.n()).isZero();
        assertThat(s.median()).isNull();
        assertThat(s.min()).isNull();
        assertThat(s.iqr()).isNull();
        assertThat(s.infraErrors()).isEqualTo(1);
    }
}
