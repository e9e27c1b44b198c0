package dev.lanebench.harness.run;

/**
 * What happens during a run, told to whoever shows or writes it — the terminal status line, the plain log,
 * a report writer — so {@link RunSession} itself prints nothing. Listeners are called in the order they were
 * given; every call of one run comes from one thread at a time except {@link #attemptStarted} and
 * {@link #attemptFinished}, which come from the workers and may overlap. A listener must not throw.
 */
public interface RunListener {
    /** The plan is fixed and the run folder written; nothing has run yet. */
    default void runStarted(RunStart start) {
    }

    /** A worker begins an attempt; {@code attempt} stays live (seconds, turns) until it finishes. */
    default void attemptStarted(LiveAttempt attempt) {
    }

    /** An attempt's row is in raw.csv. */
    default void attemptFinished(AttemptFinished finished) {
    }

    /** Something the user should know that is not an attempt (a repaired raw.csv, a lane without sandbox). */
    default void notice(String message) {
    }

    /**
     * The run is over (finished or stopped): raw.csv, summary.md and run.json are final. Writers of further
     * files (e.g. report.html) do their work here; the console listener, which runs last, names them.
     */
    default void runFinished(RunEnd end) {
    }
}
