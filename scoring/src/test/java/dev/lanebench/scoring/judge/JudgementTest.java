package dev.lanebench.scoring.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.Weights;
import dev.lanebench.scoring.judge.MemberVerdict.Status;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.SampleRows;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A panel's verdict from its members' answers: median, empty on no answer, disagreement, the row it makes. */
class JudgementTest {
    static final Weights W = new Weights(0.6, 0.1, 0.1, 0.1, 0.1);
    static final Components BASE = new Components(4.0, null, 3.0, 2.0, null);
    static final AttemptId ID = new AttemptId("run-1", "design", "lane-a", 1, 1);

    static MemberVerdict ok(String model, double score, Double cost) {
        return new MemberVerdict(model, Status.OK, score, Map.of("c", score), cost, "fine");
    }

    static MemberVerdict failed(String model, Status status, String detail) {
        return new MemberVerdict(model, status, null, Map.of(), 0.001, detail);
    }

    @Test
    void qualityIsTheMedianOfTheMembersThatAnsweredAndEntersTheComposite() {
        Judgement j = Judgement.of(ID, "h", "a+b+c", List.of(ok("a", 2.0, 0.01), failed("b", Status.REFUSAL, "no"),
                ok("c", 3.0, 0.02)), 1.5, BASE, W);

        assertThat(j.status()).isEqualTo(Judgement.Status.JUDGED);
        assertThat(j.quality()).isEqualTo(2.5);
        assertThat(j.composite()).isEqualTo(Composite.compute(new Components(4.0, null, 3.0, 2.0, 2.5), W));
        assertThat(j.judgeCostUsd()).isCloseTo(0.031, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(j.disagreement()).isFalse();
        assertThat(j.rowNote()).isEqualTo("judge: b refusal: no left out");
    }

    @Test
    void noAnswerLeavesQualityEmptyNotZeroAndTheCompositeAsWithoutAJudge() {
        Judgement j = Judgement.of(ID, "h", "a+b", List.of(failed("a", Status.OUTAGE, "upstream HTTP 503"),
                failed("b", Status.UNPARSEABLE, "not a JSON object")), 1.5, BASE, W);

        assertThat(j.status()).isEqualTo(Judgement.Status.NO_ANSWER);
        assertThat(j.quality()).isNull();
        assertThat(j.composite()).isEqualTo(Composite.compute(BASE, W))
                .isGreaterThan(Composite.compute(new Components(4.0, null, 3.0, 2.0, 0.0), W));
        assertThat(j.rowNote()).isEqualTo("judge: no panel member answered (a outage: upstream HTTP 503, "
                + "b unparseable: not a JSON object), quality left empty");
    }

    @Test
    void aSpreadOverTheSetMaximumIsADisagreementAndOneAtItIsNot() {
        Judgement wide = Judgement.of(ID, "h", "a+b", List.of(ok("a", 1.0, null), ok("b", 4.5, null)), 1.5, BASE, W);
        Judgement atLimit = Judgement.of(ID, "h", "a+b", List.of(ok("a", 1.0, null), ok("b", 2.5, null)), 1.5, BASE, W);

        assertThat(wide.disagreement()).isTrue();
        assertThat(wide.rowNote()).isEqualTo("judge disagreement: 1.00–4.50 (spread over 1.50)");
        assertThat(wide.judgeCostUsd()).isNull();
        assertThat(atLimit.disagreement()).isFalse();
        assertThat(atLimit.rowNote()).isNull();
    }

    @Test
    void applyingAJudgementReplacesQualityCompositeCostAndAnEarlierJudgesNoteOnly() {
        RawRow full = SampleRows.full();
        RawRow row = new RawRow(full.runId(), full.task(), full.tier(), full.lane(), full.runner(), full.model(),
                full.replication(), full.attempt(), full.status(), full.composite(), full.correctness(), full.process(),
                full.costEff(), full.timeEff(), 1.0, full.verifyEvidence(), full.timedOut(), full.wallS(), full.agentS(),
                full.verifyS(), full.turns(), full.toolCalls(), full.budgetViolations(), full.inputTokens(),
                full.cachedTokens(), full.outputTokens(), full.reasoningTokens(), full.costUsd(), full.servedModels(),
                full.routeOk(), full.agentExit(), "budget: run 2 > 0; judge disagreement: 0.00–5.00 (spread over 1.50)",
                full.startedAt(), full.taskHash(), full.harnessVersion(), full.sandbox(), 0.5);
        Components base = new Components(row.correctness(), row.process(), row.costEff(), row.timeEff(), null);
        Judgement j = Judgement.of(AttemptId.of(row), row.taskHash(), "x", List.of(ok("x", 4.0, 0.002)), 1.5, base, W);

        RawRow judged = j.applyTo(row);

        assertThat(judged.quality()).isEqualTo(4.0);
        assertThat(judged.composite()).isEqualTo(j.composite());
        assertThat(judged.judgeCostUsd()).isEqualTo(0.002);
        assertThat(judged.costUsd()).as("the lane's cost is not the judge's").isEqualTo(row.costUsd());
        assertThat(judged.error()).isEqualTo("budget: run 2 > 0");
        assertThat(j.applyTo(SampleRows.sparse())).as("another attempt").isEqualTo(SampleRows.sparse());
    }
}
