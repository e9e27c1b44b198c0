package dev.lanebench.harness.estimate;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.run.Replication;
import dev.lanebench.runners.lane.Lane;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a plan will cost and how long it can take, before it runs ({@code run --dry-run}): per lane and in
 * total, replications × the estimated cost of an attempt, and the deadline-bound worst case (every attempt runs to
 * its deadline and its grader to its timeout).
 */
public final class PlanEstimate {
    /** One lane's share of the plan. */
    public record LaneTotal(Lane lane, int replications, Double usd, Duration worstCase, Set<String> sources) {
    }

    private final Map<String, LaneTotal> lanes;
    private final Duration longest;

    private PlanEstimate(Map<String, LaneTotal> lanes, Duration longest) {
        this.lanes = lanes;
        this.longest = longest;
    }

    public static PlanEstimate of(List<Replication> plan, TokenEstimates estimates) {
        Map<String, LaneTotal> lanes = new LinkedHashMap<>();
        Duration longest = Duration.ZERO;
        for (Replication r : plan) {
            AttemptEstimate e = estimates.of(r.task(), r.lane());
            Double usd = e.usd(r.lane());
            Duration worst = worstCase(r.task());
            longest = worst.compareTo(longest) > 0 ? worst : longest;
            LaneTotal was = lanes.get(r.lane().name());
            Set<String> sources = new LinkedHashSet<>(was == null ? Set.of() : was.sources());
            if (r.lane().model() != null) {
                sources.add(e.source());
            }
            lanes.put(r.lane().name(), was == null
                    ? new LaneTotal(r.lane(), 1, usd, worst, sources)
                    : new LaneTotal(r.lane(), was.replications() + 1,
                            was.usd() == null || usd == null ? null : was.usd() + usd, was.worstCase().plus(worst), sources));
        }
        return new PlanEstimate(lanes, longest);
    }

    /** An attempt at its deadline, then its grader at its timeout. */
    public static Duration worstCase(Task t) {
        return t.deadline().plus(t.verifyTimeout());
    }

    /** The total estimate, or null when some lane's cannot be told. */
    public Double totalUsd() {
        double sum = 0;
        for (LaneTotal l : lanes.values()) {
            if (l.usd() == null) {
                return null;
            }
            sum += l.usd();
        }
        return sum;
    }

    public Map<String, LaneTotal> lanes() {
        return lanes;
    }

    /** The estimate table and the worst-case time at the given parallelism. */
    public String render(int parallel, int retries) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n  %-28s %12s %12s %16s  %s%n", "lane", "replications", "est. cost",
                "worst-case time", "tokens per attempt from"));
        int reps = 0;
        Duration work = Duration.ZERO;
        for (LaneTotal l : lanes.values()) {
            reps += l.replications();
            work = work.plus(l.worstCase());
            b.append(String.format(Locale.ROOT, "  %-28s %12d %12s %16s  %s%n", l.lane().name(), l.replications(),
                    usd(l), clock(l.worstCase()), l.lane().model() == null ? "no model calls" : String.join("; ", l.sources())));
        }
        Double total = totalUsd();
        b.append(String.format(Locale.ROOT, "  %-28s %12d %12s %16s%n", "total", reps,
                total == null ? "unknown" : String.format(Locale.ROOT, "$%.2f", total), clock(work)));
        // Greedy list scheduling never takes longer than the work spread evenly plus the longest single item.
        Duration bound = parallel <= 1 ? work : work.dividedBy(parallel).plus(longest);
        b.append(String.format(Locale.ROOT, "worst case at --parallel %d: %s (every attempt to its deadline, every"
                + " grader to its timeout)%n", parallel, clock(bound.compareTo(work) > 0 ? work : bound)));
        if (retries > 0) {
            b.append(String.format(Locale.ROOT, "each replication that hits infra errors may take up to %d more"
                    + " attempts (--retries %d): cost and time grow with them%n", retries, retries));
        }
        return b.toString();
    }

    private static String usd(LaneTotal l) {
        if (l.usd() == null) {
            return l.lane().model() != null && l.lane().model().price() == null ? "no price" : "unknown";
        }
        return String.format(Locale.ROOT, "$%.2f", l.usd());
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
}
