package dev.lanebench.harness.run;

import dev.lanebench.harness.lanes.LaneEndpoints;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.scoring.raw.RawRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides which attempt a free worker starts next: the earliest in plan order whose retry backoff has passed,
 * whose endpoints have a free {@code max_concurrency} slot and are not paused for repeated 429s, and that the
 * cost caps still admit ({@code --max-cost} and the lane's {@code max_cost_usd}: spent + in-flight estimates
 * below the cap). Waiting here happens before an attempt's clock starts, so no agent loses time to a limit.
 * Replications a cap shuts out for good are kept as {@link NotRun}.
 */
final class AttemptScheduler {
    /** One attempt to make: the replication, its attempt number, and its place in the plan. */
    record Ticket(Replication rep, int attempt, int order, long notBeforeNanos, double estimateUsd) {
    }

    private static final long MAX_WAIT_MS = 1000;

    private final List<Ticket> pending = new ArrayList<>();
    private final EndpointCircuits circuits;
    private final Double runCap;
    private final Map<String, Integer> endpointInFlight = new HashMap<>();
    private final Map<String, Double> laneSpent = new HashMap<>();
    private final Map<String, Double> laneInFlight = new HashMap<>();
    private final Map<String, Integer> laneRunning = new HashMap<>();
    private final List<NotRun> notRun = new ArrayList<>();
    private double spent;
    private double inFlight;
    private int running;
    private boolean aborted;

    /**
     * @param todo       the replications left to run, in plan order, with the attempt number each starts at
     * @param circuits   the endpoints' 429 pauses
     * @param runCap     {@code --max-cost}, or null
     * @param estimator  each attempt's in-flight estimate
     * @param spentSoFar what the run's rows already cost, in total and per lane (a resumed run)
     */
    AttemptScheduler(Map<Replication, Integer> todo, EndpointCircuits circuits, Double runCap, CostEstimator estimator,
                     Map<String, Double> spentSoFar) {
        this.circuits = circuits;
        this.runCap = runCap;
        int order = 0;
        for (Map.Entry<Replication, Integer> e : todo.entrySet()) {
            Double est = estimator.usd(e.getKey());
            pending.add(new Ticket(e.getKey(), e.getValue(), order++, 0, est == null ? 0 : est));
        }
        spentSoFar.forEach((lane, usd) -> {
            laneSpent.merge(lane, usd, Double::sum);
            spent += usd;
        });
    }

    /** The next attempt to make, waiting until one may start; null when nothing is left to start. */
    synchronized Ticket take() throws InterruptedException {
        while (true) {
            if (aborted) {
                return null;
            }
            shutOutCapped();
            if (pending.isEmpty() && running == 0) {
                return null;
            }
            long now = System.nanoTime();
            long wakeAt = now + MAX_WAIT_MS * 1_000_000;
            for (Iterator<Ticket> it = pending.iterator(); it.hasNext(); ) {
                Ticket t = it.next();
                if (t.notBeforeNanos() > now) {
                    wakeAt = Math.min(wakeAt, t.notBeforeNanos());
                    continue;
                }
                long paused = pausedUntil(t.rep().lane());
                if (paused > 0) {
                    wakeAt = Math.min(wakeAt, paused);
                    continue;
                }
                if (!slotsFree(t.rep().lane()) || !costAdmits(t.rep().lane())) {
                    continue;
                }
                it.remove();
                reserve(t);
                return t;
            }
            wait(Math.max(1, (wakeAt - now) / 1_000_000));
        }
    }

    /**
     * An attempt ended: its slots and estimate are freed and its cost counted; {@code retryIn} non-null queues the
     * replication's next attempt after that wait.
     */
    synchronized void finished(Ticket t, RawRow row, Duration retryIn) {
        release(t);
        if (row.costUsd() != null) {
            spent += row.costUsd();
            laneSpent.merge(t.rep().lane().name(), row.costUsd(), Double::sum);
        }
        if (retryIn != null) {
            pending.add(new Ticket(t.rep(), t.attempt() + 1, t.order(), System.nanoTime() + retryIn.toNanos(),
                    t.estimateUsd()));
            pending.sort(Comparator.comparingInt(Ticket::order).thenComparingInt(Ticket::attempt));
        }
        notifyAll();
    }

    /** An attempt ended without a row (the harness failed or the run stopped): its reservations are freed and nothing more starts. */
    synchronized void abandon(Ticket t) {
        release(t);
        stop();
    }

    /** Nothing more starts: every waiting worker is told there is nothing left. */
    synchronized void stop() {
        aborted = true;
        notifyAll();
    }

    synchronized List<NotRun> notRun() {
        return List.copyOf(notRun);
    }

    synchronized double spentUsd() {
        return spent;
    }

    private void reserve(Ticket t) {
        Lane lane = t.rep().lane();
        running++;
        inFlight += t.estimateUsd();
        laneInFlight.merge(lane.name(), t.estimateUsd(), Double::sum);
        laneRunning.merge(lane.name(), 1, Integer::sum);
        LaneEndpoints.of(lane).keySet().forEach(e -> endpointInFlight.merge(e, 1, Integer::sum));
    }

    private void release(Ticket t) {
        Lane lane = t.rep().lane();
        running--;
        inFlight -= t.estimateUsd();
        laneInFlight.merge(lane.name(), -t.estimateUsd(), Double::sum);
        laneRunning.merge(lane.name(), -1, Integer::sum);
        LaneEndpoints.of(lane).keySet().forEach(e -> endpointInFlight.merge(e, -1, Integer::sum));
    }

    private boolean slotsFree(Lane lane) {
        for (Map.Entry<String, EndpointSpec> e : LaneEndpoints.of(lane).entrySet()) {
            Integer max = e.getValue().maxConcurrency();
            if (max != null && endpointInFlight.getOrDefault(e.getKey(), 0) >= max) {
                return false;
            }
        }
        return true;
    }

    private long pausedUntil(Lane lane) {
        long until = 0;
        for (String e : LaneEndpoints.of(lane).keySet()) {
            until = Math.max(until, circuits.pausedUntil(e));
        }
        return until;
    }

    private boolean costAdmits(Lane lane) {
        if (runCap != null && spent + inFlight >= runCap) {
            return false;
        }
        Double laneCap = lane.spec().maxCostUsd();
        return laneCap == null
                || laneSpent.getOrDefault(lane.name(), 0.0) + laneInFlight.getOrDefault(lane.name(), 0.0) < laneCap;
    }

    /** A cap reached with nothing in flight under it stays reached: what it shuts out is not run. */
    private void shutOutCapped() {
        if (runCap != null && running == 0 && spent >= runCap) {
            String why = String.format(Locale.ROOT, "--max-cost $%.2f reached: $%.4f spent", runCap, spent);
            pending.forEach(t -> shutOut(t, why));
            pending.clear();
            return;
        }
        for (Iterator<Ticket> it = pending.iterator(); it.hasNext(); ) {
            Ticket t = it.next();
            Lane lane = t.rep().lane();
            Double cap = lane.spec().maxCostUsd();
            double laneSpentUsd = laneSpent.getOrDefault(lane.name(), 0.0);
            if (cap != null && laneRunning.getOrDefault(lane.name(), 0) == 0 && laneSpentUsd >= cap) {
                shutOut(t, String.format(Locale.ROOT, "max_cost_usd $%.2f of lane %s reached: $%.4f spent", cap,
                        lane.name(), laneSpentUsd));
                it.remove();
            }
        }
    }

    private void shutOut(Ticket t, String why) {
        boolean listed = notRun.stream().anyMatch(n -> n.task().equals(t.rep().task().id())
                && n.lane().equals(t.rep().lane().name()) && n.replication() == t.rep().number());
        if (!listed) {
            notRun.add(new NotRun(t.rep().task().id(), t.rep().lane().name(), t.rep().number(), why));
        }
    }
}
