package dev.lanebench.harness.run;

import dev.lanebench.harness.catalogue.ContentHash;
import dev.lanebench.harness.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of N slices of a run's plan ({@code --shard i/N}), so N machines can each run a part of the same run.
 * The slice is a pure function of the plan: replications are ordered by a stable hash of (task, lane,
 * replication) and dealt out in turn, so every shard gets the same number (±1) and a mix of tasks and lanes,
 * and no replication is in two shards.
 *
 * @param index 1-based
 * @param count N
 */
public record Shard(int index, int count) {
    private static final Pattern SPEC = Pattern.compile("(\\d+)/(\\d+)");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new ConfigException("--shard: " + index + "/" + count + " is not a shard (i/N with 1 <= i <= N)");
        }
    }

    /** Reads {@code i/N}; bad input is a one-line error naming the option. */
    public static Shard parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new ConfigException("--shard: '" + spec + "' is not of the form i/N (e.g. 2/4)");
        }
        try {
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new ConfigException("--shard: '" + spec + "' is out of range");
        }
    }

    /** This shard's replications, in plan order. */
    public List<Replication> select(List<Replication> plan) {
        List<Replication> dealt = new ArrayList<>(plan);
        dealt.sort(Comparator.comparing(Shard::dealKey));
        Set<Replication> mine = new HashSet<>();
        for (int j = index - 1; j < dealt.size(); j += count) {
            mine.add(dealt.get(j));
        }
        return plan.stream().filter(mine::contains).toList();
    }

    private static String dealKey(Replication r) {
        String key = r.task().id() + "\u0000" + r.lane().name() + "\u0000" + r.number();
        return ContentHash.ofText(key) + key;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
