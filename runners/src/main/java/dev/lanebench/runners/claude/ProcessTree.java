package dev.lanebench.runners.claude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;

/**
 * Keeps track of every process the CLI starts (its shells, their children) so all of them can be stopped:
 * at the deadline, and after the CLI exits, when a background process it left would otherwise keep running
 * and touching the workspace while it is verified. Children are re-parented once their parent dies, so they
 * are noted while the tree is still whole ({@link #sample()}) and found again by pid and start time.
 */
final class ProcessTree {
    private final Process root;
    private final Map<Long, Instant> seen = new LinkedHashMap<>();

    ProcessTree(Process root) {
        this.root = root;
    }

    /** Notes the root's current descendants; cheap enough to call a few times a second. */
    synchronized void sample() {
        root.toHandle().descendants().forEach(h -> h.info().startInstant().ifPresent(t -> seen.putIfAbsent(h.pid(), t)));
    }

    /** Kills the root and every process ever seen under it that is still the same process. */
    synchronized void killAll() {
        sample();
        // Children first, so none is re-parented out of reach while its parent dies.
        for (Map.Entry<Long, Instant> e : seen.entrySet()) {
            Optional<ProcessHandle> h = ProcessHandle.of(e.getKey());
            h.filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(e.getValue()::equals).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        root.destroyForcibly();
    }

    /** How many descendants were seen over the run, for the outcome's context. */
    synchronized int seenCount() {
        return seen.size();
    }
}
