package dev.lanebench.runners.flat.tools;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every process a {@code run} command started, and the means to end them all: SIGTERM, a grace period, then
 * SIGKILL for whatever is left (a process that ignores SIGTERM still dies).
 *
 * <p>Descendants are sampled while the command runs, because a process whose parent has exited is re-parented
 * and no longer shows as a descendant. On Linux the command also runs in its own session (see
 * {@link CommandRunner}), so members of that session are found in {@code /proc} even when sampling missed them
 * (a background job started by a shell that exited at once).
 */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
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

    /** Adds the current descendants to the processes to end. */
    void sample() {
        root.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
    }

    /** Whether any process of the command other than the root is still alive. */
    boolean hasLeftovers() {
        sample();
        sampleSession();
        return seen.values().stream().anyMatch(ProcessTree::running);
    }

    /** Ends the root and everything it started; returns once all are gone or the SIGKILL wait ran out. */
    void kill(Duration grace) {
        sample();
        sampleSession();
        List<ProcessHandle> all = alive();
        all.forEach(ProcessHandle::destroy);
        waitForExit(grace);
        // Processes forked during the grace period are caught by sampling again before SIGKILL.
        sample();
        sampleSession();
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

    private void sampleSession() {
        if (sessionId <= 0 || !Files.isDirectory(PROC)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != root.pid() && !seen.containsKey(pid) && sessionOf(entry) == sessionId) {
                    ProcessHandle.of(pid).ifPresent(h -> seen.put(pid, h));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // /proc changed under us or is not the Linux one: sampled descendants are all we have.
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
        String state = statFields(PROC.resolve(Long.toString(h.pid())));
        return state == null || !state.startsWith("Z");
    }

    /** The fields of /proc/PID/stat after the command name, or null when unreadable (gone, or not Linux). */
    private static String statFields(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** Field 6 of /proc/PID/stat; the command name before it may contain spaces and parentheses. */
    private static long sessionOf(Path procEntry) {
        String fields = statFields(procEntry);
        if (fields == null) {
            return -1;
        }
        try {
            return Long.parseLong(fields.split(" ")[3]);
        } catch (RuntimeException malformed) {
            return -1;
        }
    }
}
