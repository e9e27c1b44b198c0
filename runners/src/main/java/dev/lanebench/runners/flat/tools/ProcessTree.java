package dev.lanebench.runners.flat.tools;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every process a {@code run} command started, and the means to end them all: SIGTERM, a grace period, then
 * SIGKILL for whatever is left (a process that ignores SIGTERM still dies).
 *
 * <p>A process whose parent has exited is re-parented and no longer shows as a descendant, so the tree is
 * sampled while the command runs. On Linux the command also runs in its own session (see {@link CommandRunner}),
 * and one pass over {@code /proc} finds both the session's members (a background job whose shell exited at
 * once) and the descendants of every process already known; elsewhere {@link ProcessHandle#descendants()} is
 * what there is.
 */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    private static final boolean HAS_PROC = Files.isDirectory(PROC.resolve("self"));
    private final ProcessHandle root;
    private final long sessionId;
    private final Map<Long, ProcessHandle> seen = new LinkedHashMap<>();

    /**
     * @param root      the started process
     * @param sessionId the session the command runs in (its root's pid under setsid), or -1 when unknown
     */
    ProcessTree(ProcessHandle root, long sessionId) {
        this.root = root;
        this.sessionId = sessionId;
    }

    /** Adds the command's current processes to the ones to end. */
    void sample() {
        if (HAS_PROC && sessionId > 0) {
            scanProc();
        } else {
            root.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
        }
    }

    /** Whether any process of the command other than the root is still running. */
    boolean hasLeftovers() {
        sample();
        return seen.values().stream().anyMatch(ProcessTree::running);
    }

    /** Ends the root and everything it started; returns once all are gone or the SIGKILL wait ran out. */
    void kill(Duration grace) {
        sample();
        alive().forEach(ProcessHandle::destroy);
        waitForExit(grace);
        // Processes forked during the grace period are caught by sampling again before SIGKILL.
        sample();
        alive().forEach(ProcessHandle::destroyForcibly);
        waitForExit(Duration.ofSeconds(2));
    }

    private List<ProcessHandle> alive() {
        List<ProcessHandle> all = new ArrayList<>();
        if (running(root)) {
            all.add(root);
        }
        for (ProcessHandle h : seen.values()) {
            if (running(h)) {
                all.add(h);
            }
        }
        return all;
    }

    private void waitForExit(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!alive().isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Alive and not a zombie. A killed process whose parent is gone waits as a zombie until init reaps it, which
     * some inits do only every second or two; it runs nothing any more, so waiting for the reaping would only
     * delay the attempt.
     */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        String[] stat = stat(PROC.resolve(Long.toString(h.pid())));
        return stat == null || !stat[0].startsWith("Z");
    }

    /** One pass over /proc: session members, and children of any process already known, transitively. */
    private void scanProc() {
        Map<Long, Long> parentOf = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid;
                try {
                    pid = Long.parseLong(entry.getFileName().toString());
                } catch (NumberFormatException notPid) {
                    continue;
                }
                String[] f = stat(entry);
                if (f == null || f.length < 4) {
                    continue;
                }
                long ppid = Long.parseLong(f[1]);
                if (pid != root.pid() && Long.parseLong(f[3]) == sessionId) {
                    remember(pid);
                } else {
                    parentOf.put(pid, ppid);
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc changed under us: descendants are the fallback.
            root.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
            return;
        }
        // Processes that left the session (setsid of their own) are still caught through their parents.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Long, Long> e : parentOf.entrySet()) {
                long pid = e.getKey();
                long ppid = e.getValue();
                if (!seen.containsKey(pid) && (ppid == root.pid() || seen.containsKey(ppid))) {
                    grew |= remember(pid);
                }
            }
        }
    }

    private boolean remember(long pid) {
        if (seen.containsKey(pid)) {
            return false;
        }
        ProcessHandle.of(pid).ifPresent(h -> seen.put(pid, h));
        return seen.containsKey(pid);
    }

    /** The fields of /proc/PID/stat after the command name (state, ppid, pgrp, session, …); null if unreadable. */
    private static String[] stat(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"));
            // The command name may contain spaces and parentheses; the fields start after the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ", 6);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
