package dev.lanebench.runners.sandbox;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A process that is the first of a process namespace of its own (bubblewrap's): when it ends, or is killed,
 * the kernel ends every other process of the namespace, so nothing it started can outlive it.
 */
final class NamespaceProcess implements SandboxedProcess {
    private final Process process;

    NamespaceProcess(Process process) {
        this.process = process;
    }

    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    @Override
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void sample() {
        // the namespace holds them all
    }

    @Override
    public boolean hasLeftovers() {
        return false;
    }

    @Override
    public void kill() {
        // SIGKILL to the sandbox's outer process takes its namespace's init down (parent-death signal), and the
        // kernel then kills every process left in the namespace.
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int seenCount() {
        return -1;
    }
}
