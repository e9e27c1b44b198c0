package dev.lanebench.runners.sandbox;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A process started in a sandbox, with the means to end it together with everything it started. Backends
 * with a process namespace end the whole namespace; {@code none} hunts the processes down ({@link
 * dev.lanebench.runners.process.ProcessTree}).
 */
public interface SandboxedProcess {

    /** Standard output (with standard error merged in, unless the spec sent it to a file). */
    InputStream output();

    /** Waits up to {@code timeout} for the process to exit. */
    boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException;

    /** The exit status; only after the process exited. */
    int exitValue();

    boolean isAlive();

    /** Remembers the processes it started so far (where the backend must find them itself). */
    void sample();

    /** After an exit: whether processes it started are still running. */
    boolean hasLeftovers();

    /** Ends the process and everything it started; returns when they are gone (or a short wait ran out). */
    void kill();

    /** How many processes it started that the harness saw, for reports; -1 when the backend cannot tell. */
    int seenCount();
}
