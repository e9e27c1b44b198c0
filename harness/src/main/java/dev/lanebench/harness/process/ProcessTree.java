package dev.lanebench.harness.process;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a process and every descendant, so nothing a grader or agent started outlives its time limit. */
public final class ProcessTree {
    private ProcessTree() {
    }

    /** Sends SIGTERM to the tree, waits briefly, then SIGKILLs whatever is left. */
    public static void kill(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.toHandle().destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Children forked after the first snapshot, and those ignoring SIGTERM, are taken here.
        List<ProcessHandle> rest = new java.util.ArrayList<>(tree);
        process.descendants().forEach(rest::add);
        rest.forEach(ProcessHandle::destroyForcibly);
        process.toHandle().destroyForcibly();
    }
}
