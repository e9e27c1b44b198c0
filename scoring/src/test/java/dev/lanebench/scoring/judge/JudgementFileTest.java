package dev.lanebench.scoring.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanebench.scoring.judge.MemberVerdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judgement files: written and read back whole, appended across a kill, chosen per run folder. */
class JudgementFileTest {
    @TempDir
    Path run;

    static Judgement judged(int replication, double score) {
        AttemptId id = new AttemptId("run-1", "design", "lane-a", replication, 1);
        return Judgement.of(id, "h1", "a+b", List.of(
                new MemberVerdict("b", Status.OK, score, Map.of("Fits", score, "Clarity", 1.0), 0.0012, "ok"),
                new MemberVerdict("a", Status.OUTAGE, null, Map.of(), null, "upstream network: refused")),
                1.5, JudgementTest.BASE, JudgementTest.W);
    }

    @Test
    void aJudgementReadsBackAsItWasWritten() throws IOException {
        Path file = JudgementFile.of(run, "a+b");
        Judgement j = judged(1, 3.5);
        Judgement skipped = Judgement.notJudged(new AttemptId("run-1", "other", "lane-a", 1, 1), "h2", "a+b", 1.5,
                "no rubric", JudgementTest.BASE, JudgementTest.W);
        JudgementFile.write(file, List.of(j, skipped));

        Map<AttemptId, Judgement> read = JudgementFile.read(file);

        assertThat(read).hasSize(2);
        assertThat(read.get(j.id())).isEqualTo(j);
        assertThat(read.get(skipped.id())).isEqualTo(skipped);
        assertThat(Files.readString(file)).startsWith("{\"run_id\":\"run-1\",\"task\":\"design\",\"lane\":\"lane-a\"");
    }

    @Test
    void appendingCutsAKilledWritersHalfLineAndTheLastLineOfAnAttemptCounts() throws IOException {
        Path file = JudgementFile.of(run, "a+b");
        JudgementFile.readyToAppend(file);
        Files.writeString(file, JudgementFile.json(judged(1, 1.0)) + "\n", StandardOpenOption.APPEND);
        Files.writeString(file, "{\"run_id\":\"run-1\",\"task\":", StandardOpenOption.APPEND); // killed mid-line
        assertThat(JudgementFile.read(file)).hasSize(1);

        JudgementFile.readyToAppend(file);
        Files.writeString(file, JudgementFile.json(judged(1, 4.0)) + "\n" + JudgementFile.json(judged(2, 2.0)) + "\n",
                StandardOpenOption.APPEND);

        Map<AttemptId, Judgement> read = JudgementFile.read(file);
        assertThat(read.values()).extracting(Judgement::quality).containsExactly(4.0, 2.0);
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void aTableJoinsTheNewestFileUnlessAPanelOrNoneIsNamed() throws IOException {
        assertThat(JudgementFile.choose(run, null)).isNull();
        Path older = JudgementFile.of(run, "a+b");
        Path newer = JudgementFile.of(run, "c");
        JudgementFile.write(older, List.of(judged(1, 1.0)));
        JudgementFile.write(newer, List.of(judged(1, 2.0)));
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));

        assertThat(JudgementFile.choose(run, null)).isEqualTo(newer);
        assertThat(JudgementFile.choose(run, "a+b")).isEqualTo(older);
        assertThat(JudgementFile.choose(run, "none")).isNull();
        assertThatThrownBy(() -> JudgementFile.choose(run, "zz"))
                .hasMessage(run + ": no judgements of panel 'zz' (judged by: c, a+b)");
    }

    @Test
    void aBadLineNamesTheFileAndLine() throws IOException {
        Path file = JudgementFile.of(run, "a");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JudgementFile.json(judged(1, 1.0)) + "\n{\"run_id\":\"r\",\"task\":\"t\"}\n");

        assertThatThrownBy(() -> JudgementFile.read(file)).hasMessage(file + ": line 2: lane: missing");
    }
}
