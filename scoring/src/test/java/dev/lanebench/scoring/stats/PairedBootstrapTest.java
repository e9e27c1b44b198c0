package dev.lanebench.scoring.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The 95 % interval of a mean difference, pinned against cases whose resampling distribution is worked by hand. */
class PairedBootstrapTest {

    @Test
    void twoTasksGiveTheirOwnDeltasAsTheEnds() {
        // d = {1, 3}: a resample of two draws has mean 1 (p = 1/4), 2 (p = 1/2) or 3 (p = 1/4). About 2,500 of
        // the 10,000 sorted means are 1 and 2,500 are 3, so the 2.5 % point (rank 249.975) reads 1 and the
        // 97.5 % point (rank 9,749.025) reads 3.
        assertThat(PairedBootstrap.meanInterval(new double[] {1, 3})).containsExactly(1.0, 3.0);
    }

    @Test
    void oneOutlierAmongFourTasksPutsTheUpperEndAtThreeQuarters() {
        // d = {0, 0, 0, 4}: the mean of a resample is k, where k ~ Binomial(4, 1/4) counts the draws of the 4.
        // P(k ≤ 0) = 81/256 = 0.316, P(k ≤ 2) = 243/256 = 0.949, P(k ≤ 3) = 255/256 = 0.996.
        // 2.5 % falls in k = 0, 97.5 % between 0.949 and 0.996, i.e. k = 3: the interval is [0, 3].
        assertThat(PairedBootstrap.meanInterval(new double[] {0, 0, 0, 4})).containsExactly(0.0, 3.0);
    }

    @Test
    void threeTasksWhoseExtremesEachHaveMoreThanTwoAndAHalfPercent() {
        // d = {1.25, 0.9, 0}: all three draws equal 0 with p = 1/27 = 3.7 % > 2.5 %, likewise all equal 1.25,
        // so the interval runs from the smallest to the largest delta: [0, 1.25].
        assertThat(PairedBootstrap.meanInterval(new double[] {1.25, 0.9, 0})).containsExactly(0.0, 1.25);
    }

    @Test
    void equalDeltasGiveAPointAndOneTaskGivesItsDelta() {
        assertThat(PairedBootstrap.meanInterval(new double[] {0.5, 0.5, 0.5})).containsExactly(0.5, 0.5);
        assertThat(PairedBootstrap.meanInterval(new double[] {-1.2})).containsExactly(-1.2, -1.2);
        assertThat(PairedBootstrap.meanInterval(new double[0])).isNull();
    }

    @Test
    void theSeedMakesItReproducibleAndAnotherSeedStaysClose() {
        double[] d = {-0.5, 0.25, 1.0, 2.0, -1.0, 0.4, 0.1};
        double[] once = PairedBootstrap.meanInterval(d);

        assertThat(PairedBootstrap.meanInterval(d)).containsExactly(once);
        // Pinned so that a change of generator, index rule or quantile rule cannot pass unnoticed: every
        // published interval would move with it.
        assertThat(once).containsExactly(-0.3143, 1.0214);
        double[] other = PairedBootstrap.meanInterval(d, PairedBootstrap.RESAMPLES, 7L, PairedBootstrap.LEVEL);
        assertThat(other[0]).isBetween(once[0] - 0.1, once[0] + 0.1);
        assertThat(other[1]).isBetween(once[1] - 0.1, once[1] + 0.1);
        // the interval holds the sample mean (0.3214)
        assertThat(once[0]).isLessThan(0.3214);
        assertThat(once[1]).isGreaterThan(0.3214);
    }
}
