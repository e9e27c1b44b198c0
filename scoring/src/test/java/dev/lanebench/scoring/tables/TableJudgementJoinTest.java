package dev.lanebench.scoring.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Weights;
import dev.lanebench.scoring.judge.AttemptId;
import dev.lanebench.scoring.judge.Judgement;
import dev.lanebench.scoring.judge.JudgementFile;
import dev.lanebench.scoring.judge.MemberVerdict;
import dev.lanebench.scoring.judge.MemberVerdict.Status;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.SampleRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables of a run folder join its judgement file: quality and composite per attempt, notes per cell. */
class TableJudgementJoinTest {
    static final Weights W = new Weights(0.6, 0.1, 0.1, 0.1, 0.1);

    @TempDir
    Path run;
    List<RawRow> rows = new ArrayList<>();

    static RawRow attempt(int replication, double correctness) {
        RawRow r = SampleRows.scored("design", "t5_review_design", "lane-a", "flat", "m", correctness);
        return new RawRow(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), replication, 1, r.status(),
                correctness, correctness, null, null, null, null, r.verifyEvidence(), r.timedOut(), r.wallS(),
                r.agentS(), r.verifyS(), r.turns(), r.toolCalls(), r.budgetViolations(), r.inputTokens(),
                r.cachedTokens(), r.outputTokens(), r.reasoningTokens(), r.costUsd(), r.servedModels(), r.routeOk(),
                r.agentExit(), null, r.startedAt(), r.taskHash(), r.harnessVersion(), r.sandbox(), null);
    }

    static MemberVerdict ok(String model, double score) {
        return new MemberVerdict(model, Status.OK, score, Map.of("c", score), 0.01, null);
    }

    @BeforeEach
    void runFolder() throws IOException {
        rows.add(attempt(1, 4.0));
        rows.add(attempt(2, 4.0));
        rows.add(attempt(3, 4.0));
        try (RawCsvWriter w = RawCsvWriter.open(run.resolve("raw.csv"))) {
            for (RawRow r : rows) {
                w.append(r);
            }
        }
        Components base = new Components(4.0, null, null, null, null);
        JudgementFile.write(JudgementFile.of(run, "a+b"), List.of(
                Judgement.of(AttemptId.of(rows.get(0)), "h", "a+b", List.of(ok("a", 0.0), ok("b", 0.0)), 1.5, base, W),
                Judgement.of(AttemptId.of(rows.get(1)), "h", "a+b", List.of(
                        new MemberVerdict("a", Status.OUTAGE, null, Map.of(), null, "upstream HTTP 503"),
                        new MemberVerdict("b", Status.REFUSAL, null, Map.of(), null, "no")), 1.5, base, W),
                Judgement.of(AttemptId.of(rows.get(2)), "h", "a+b", List.of(ok("a", 1.0), ok("b", 4.5)), 1.5, base, W)));
    }

    @Test
    void joinedAttemptsTakeTheJudgesQualityAndCompositeAndTheNotesNameEachCell() throws IOException {
        byte[] raw = Files.readAllBytes(run.resolve("raw.csv"));

        TableReport t = TableReport.builder().addFile(run).build();

        // composites: quality 0 → (0.6·4 + 0)/0.7, no answer → 4.0 as without a judge, quality 2.75 → (2.4 + 0.1·2.75·0.8)/0.7
        assertThat(t.replications("design", "lane-a")).containsExactly(3.4286, 3.7429, 4.0);
        assertThat(t.notes()).contains(
                "judge: no panel member answered for design × lane-a r2-a1: quality left empty, not 0",
                "judge disagreement in design × lane-a: r3-a1 1.00–4.50 (spread over 1.50)");
        assertThat(t.notes()).anyMatch(n -> n.startsWith("quality from " + JudgementFile.of(run, "a+b").toAbsolutePath()
                .normalize() + " (panel a+b): 3 attempts joined") && n.contains("judges' answers left out: 1 outage, 1 refusal")
                && n.contains("judges cost $0.0400"));
        assertThat(Files.readAllBytes(run.resolve("raw.csv"))).as("raw.csv is never rewritten").isEqualTo(raw);
    }

    @Test
    void noneReadsRawCsvAsItIs() throws IOException {
        TableReport t = TableReport.builder().judge("none").addFile(run).build();

        assertThat(t.replications("design", "lane-a")).containsExactly(4.0, 4.0, 4.0);
        assertThat(t.notes()).noneMatch(n -> n.contains("judge"));
    }

    @Test
    void theReportsAttemptsCarryTheJoinedCompositeAndTheJudgesNote() throws IOException {
        TableReport t = TableReport.builder().keepAttempts().addFile(run.resolve("raw.csv")).build();

        assertThat(t.attempts().attempts()).extracting(AttemptLog.Attempt::composite).containsExactly(3.4286, 4.0, 3.7429);
        assertThat(t.attempts().attempts().get(2).error()).isEqualTo("judge disagreement: 1.00–4.50 (spread over 1.50)");
    }
}
