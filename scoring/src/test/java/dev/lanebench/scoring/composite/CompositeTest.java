package dev.lanebench.scoring.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The formulas of METHODOLOGY.md §2 and §4, worked by hand. */
class CompositeTest {
    private static final Weights DEFAULT = ScoringConfig.defaults().weights();

    @Test
    void allComponentsMeasuredFollowsTheDesignFormula() {
        // (0.6·4 + 0.1·(5 + 2.5 + 4 + 3)·4/5) / 1.0 = 2.4 + 1.16
        Double composite = Composite.compute(new Components(4.0, 5.0, 2.5, 4.0, 3.0), DEFAULT);

        assertThat(composite).isEqualTo(3.56);
    }

    @Test
    void unmeasuredComponentsLeaveNumeratorAndDenominator() {
        // quality and cost_eff unmeasured: (0.6·4 + 0.1·5·4/5 + 0.1·2·4/5) / 0.8 = (2.4 + 0.4 + 0.16) / 0.8
        Double composite = Composite.compute(new Components(4.0, 5.0, null, 2.0, null), DEFAULT);

        assertThat(composite).isEqualTo(3.7);
    }

    @Test
    void onlyCorrectnessMeasuredGivesCorrectness() {
        assertThat(Composite.compute(new Components(3.25, null, null, null, null), DEFAULT)).isEqualTo(3.25);
    }

    @Test
    void perfectEverywhereIsFive() {
        assertThat(Composite.compute(new Components(5.0, 5.0, 5.0, 5.0, 5.0), DEFAULT)).isEqualTo(5.0);
    }

    @Test
    void noCorrectnessMeansNoComposite() {
        assertThat(Composite.compute(new Components(null, 5.0, 5.0, 5.0, null), DEFAULT)).isNull();
    }

    @Test
    void doingNothingFastAndCheapScoresZero() {
        // no change: correctness 0, no budget breached, no cost, no time spent
        Components nothing = new Components(0.0, Composite.process(0), Composite.costEff(0.0, 0.05),
                Composite.timeEff(0, 600), null);

        assertThat(nothing.process()).isEqualTo(5.0);
        assertThat(nothing.costEff()).isEqualTo(5.0);
        assertThat(nothing.timeEff()).isEqualTo(5.0);
        assertThat(Composite.compute(nothing, DEFAULT)).isZero();
    }

    @Test
    void efficiencyCountsOnlyInProportionToCorrectness() {
        Double slowRight = Composite.compute(new Components(5.0, 5.0, 0.0, 0.0, null), DEFAULT);
        Double fastHalfRight = Composite.compute(new Components(2.5, 5.0, 5.0, 5.0, null), DEFAULT);

        assertThat(slowRight).isGreaterThan(fastHalfRight);
    }

    @Test
    void otherWeightsAreHonoured() {
        Weights correctnessOnly = new Weights(1, 0, 0, 0, 0);
        assertThat(Composite.compute(new Components(2.0, 5.0, 5.0, 5.0, 5.0), correctnessOnly)).isEqualTo(2.0);
    }

    @Test
    void resultIsRoundedToFourDecimals() {
        // (0.6·5 + 0.1·1·5/5) / 0.7 = 3.1 / 0.7 = 4.428571…
        assertThat(Composite.compute(new Components(5.0, 1.0, null, null, null), DEFAULT)).isEqualTo(4.4286);
    }

    @Test
    void processLosesHalfTheScalePerViolationDownToZero() {
        assertThat(Composite.process(0)).isEqualTo(5.0);
        assertThat(Composite.process(1)).isEqualTo(2.5);
        assertThat(Composite.process(2)).isEqualTo(0.0);
        assertThat(Composite.process(7)).isEqualTo(0.0);
        assertThatThrownBy(() -> Composite.process(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void costEffIsFullAtNoCostHalfAtTwiceTheBudgetZeroFromFourTimes() {
        assertThat(Composite.costEff(0.0, 0.15)).isEqualTo(5.0);
        assertThat(Composite.costEff(0.30, 0.15)).isCloseTo(2.5, within(1e-9));
        assertThat(Composite.costEff(0.60, 0.15)).isEqualTo(0.0);
        assertThat(Composite.costEff(9.0, 0.15)).isEqualTo(0.0);
        assertThat(Composite.costEff(0.0843, 0.60)).isEqualTo(4.8244);
    }

    @Test
    void costEffIsUnmeasuredWhenCostOrBudgetIsUnknown() {
        assertThat(Composite.costEff(null, 0.15)).isNull();
        assertThat(Composite.costEff(0.10, null)).isNull();
    }

    @Test
    void timeEffFallsLinearlyToZeroAtTheDeadline() {
        assertThat(Composite.timeEff(0, 1800)).isEqualTo(5.0);
        assertThat(Composite.timeEff(900, 1800)).isEqualTo(2.5);
        assertThat(Composite.timeEff(1800, 1800)).isEqualTo(0.0);
        assertThat(Composite.timeEff(2500, 1800)).isEqualTo(0.0);
        assertThatThrownBy(() -> Composite.timeEff(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void componentsOutsideZeroToFiveAreRejected() {
        assertThatThrownBy(() -> Composite.compute(new Components(5.5, null, null, null, null), DEFAULT))
                .hasMessageContaining("correctness");
        assertThatThrownBy(() -> Composite.compute(new Components(4.0, Double.NaN, null, null, null), DEFAULT))
                .hasMessageContaining("process");
    }
}
