package dev.lanebench.harness.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanebench.harness.run.RunManifest;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The union of parts' rows by the resume rules. */
class MergedRowsTest {
    private static RawRow row(int replication, int attempt, Status status, String startedAt) {
        boolean scored = status == Status.SCORED;
        return new RawRow("run", "t", "t1_trivial", "lane", "flat", "m", replication, attempt, status,
                scored ? 4.0 : null, scored ? 4.0 : null, null, null, null, null, scored ? "ok" : null, false, 1.0, 1.0,
                null, 1, 1, null, 10L, 0L, 1L, null, 0.01, "m", true, 0, scored ? null : "boom", startedAt, "abc",
                "0.1.0", "bwrap", null);
    }

    private static PartRun part(String name, RawRow... rows) {
        return new PartRun(Path.of(name), name, RunManifest.of(JsonNodeFactory.instance.objectNode()), List.of(rows), 2);
    }

    @Test
    void theSameAttemptInTwoPartsIsOneRow() {
        RawRow r = row(1, 1, Status.SCORED, "2026-01-01T00:00:01Z");
        MergedRows m = MergedRows.of(List.of(part("a", r), part("b", r)));
        assertThat(m.rows()).containsExactly(r);
        assertThat(m.duplicates()).isEqualTo(1);
    }

    @Test
    void aReplicationRunInTwoPartsKeepsTheFirstFinalAttemptAndTheInfraAttemptsBeforeIt() {
        RawRow aInfra = row(1, 1, Status.INFRA_ERROR, "2026-01-01T00:00:01Z");
        RawRow aScored = row(1, 2, Status.SCORED, "2026-01-01T00:00:03Z");
        RawRow bScored = row(1, 1, Status.SCORED, "2026-01-01T00:00:02Z");
        MergedRows m = MergedRows.of(List.of(part("a", aInfra, aScored), part("b", bScored)));
        assertThat(m.rows()).extracting(RawRow::attempt, RawRow::status, RawRow::startedAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, Status.INFRA_ERROR, "2026-01-01T00:00:01Z"),
                org.assertj.core.groups.Tuple.tuple(2, Status.SCORED, "2026-01-01T00:00:02Z"));
        assertThat(m.kept().get(1).from().label()).isEqualTo("b");
        assertThat(m.kept().get(1).originalAttempt()).isEqualTo(1);
        assertThat(m.dropped()).isEqualTo(1);
        assertThat(m.renumbered()).isEqualTo(1);
    }

    @Test
    void verifyErrorIsFinalAndDistinctReplicationsAreAllKept() {
        RawRow v = row(1, 1, Status.VERIFY_ERROR, "2026-01-01T00:00:01Z");
        RawRow later = row(1, 1, Status.SCORED, "2026-01-01T00:00:05Z");
        RawRow other = row(2, 1, Status.SCORED, "2026-01-01T00:00:02Z");
        MergedRows m = MergedRows.of(List.of(part("a", v, other), part("b", later)));
        assertThat(m.rows()).containsExactly(v, other);
        assertThat(m.dropped()).isEqualTo(1);
    }
}
