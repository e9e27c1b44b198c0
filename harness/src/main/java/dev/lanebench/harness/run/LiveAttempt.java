package dev.lanebench.harness.run;

import java.util.function.IntSupplier;

/** An attempt in flight, as a status line shows it: which one, for how long, and how many turns so far. */
public final class LiveAttempt {
    private final Replication replication;
    private final int attempt;
    private final long startNanos = System.nanoTime();
    private volatile IntSupplier turns = () -> 0;

    public LiveAttempt(Replication replication, int attempt) {
        this.replication = replication;
        this.attempt = attempt;
    }

    public Replication replication() {
        return replication;
    }

    public int attempt() {
        return attempt;
    }

    /** Seconds since the attempt began. */
    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Turns the agent has taken so far (successful calls of the lane's main model). */
    public int turns() {
        return turns.getAsInt();
    }

    /** Where the turn count comes from once the attempt's recorder exists. */
    public void countTurnsWith(IntSupplier source) {
        this.turns = source;
    }

    /** task × lane r<k> a<j>, as every progress line names an attempt. */
    public String label() {
        return replication.label() + " a" + attempt;
    }
}
