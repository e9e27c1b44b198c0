package dev.lanebench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanebench.harness.TaskFixture;
import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --shard i/N: a deterministic, balanced partition of the plan. */
class ShardTest {
    @TempDir
    Path tmp;

    private List<Replication> plan(int tasks, int lanes, int reps) {
        Path dir = tmp.resolve("tasks");
        for (int t = 0; t < tasks; t++) {
            TaskFixture.greeting(dir, "t1_trivial", "task-" + t);
        }
        List<Task> ts = Catalogue.load(dir).tasks();
        List<Lane> ls = new ArrayList<>();
        for (int l = 0; l < lanes; l++) {
            ls.add(new Lane("lane-" + l, new LaneSpec("noop", null, null, null, null, null, null), null, null, null, null, null));
        }
        return new RunRequest(ts, ls, reps, tmp, false, 1, new RetryPolicy(0, java.time.Duration.ZERO), false, List.of(),
                ls, null, List.of(), null).plan();
    }

    @Test
    void shardsPartitionThePlanEvenlyAndTheSameWayEveryTime() {
        List<Replication> plan = plan(5, 3, 3);
        Set<Replication> union = new HashSet<>();
        int total = 0;
        for (int i = 1; i <= 4; i++) {
            List<Replication> mine = new Shard(i, 4).select(plan);
            assertThat(mine.size()).isBetween(plan.size() / 4, plan.size() / 4 + 1);
            assertThat(mine).isEqualTo(new Shard(i, 4).select(plan));
            assertThat(plan).containsSubsequence(mine);
            Set<String> lanes = new HashSet<>();
            mine.forEach(r -> lanes.add(r.lane().name()));
            assertThat(lanes).as("each shard gets a mix of lanes").hasSizeGreaterThan(1);
            union.addAll(mine);
            total += mine.size();
        }
        assertThat(total).as("no replication in two shards").isEqualTo(plan.size());
        assertThat(union).containsExactlyInAnyOrderElementsOf(plan);
        assertThat(new Shard(1, 1).select(plan)).isEqualTo(plan);
    }

    @Test
    void badShardsAreOneLineErrors() {
        assertThatThrownBy(() -> Shard.parse("5/4")).isInstanceOf(ConfigException.class).hasMessageContaining("--shard");
        assertThatThrownBy(() -> Shard.parse("two")).isInstanceOf(ConfigException.class).hasMessageContaining("i/N");
        assertThat(Shard.parse(" 2/4 ")).isEqualTo(new Shard(2, 4));
    }
}
