package dev.lanebench.runners.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * sampled while the command runs. On Linux the command also runs in its own session ({@link #sessionPrefix()}),
 * and one pass over {@code /proc} finds both the session's members (a background job whose shell exited at
 * once) and the descendants of every process already known; elsewhere {@link ProcessHandle#descendants()} is
 * what there is.
 *
 * <p>Some programs (the claude CLI) run each shell command detached in a session of its own, and a job started
 * with {@code &} is re-parented to init as soon as its shell exits, out of reach of both searches. What every such
 * process keeps is its environment: given a mark (a per-attempt value of {@link #MARK_VARIABLE} put into the
 * started program's environment), {@code /proc/PID/environ} is searched for it before killing.
 */
public final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    private static final boolean HAS_PROC = Files.isDirectory(PROC.resolve("self"));
    /** The environment variable that marks every process of one supervised program. */
    public static final String MARK_VARIABLE = "LANEBENCH_PROCESS_MARK";
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private final ProcessHandle root;
    private final long sessionId;
    private final byte[] mark;
    private final Map<Long, ProcessHandle> seen = new LinkedHashMap<>();

    /**
     * @param root      the started process
     * @param sessionId the session the command runs in (its root's pid under setsid), or -1 when unknown
     */
    public ProcessTree(ProcessHandle root, long sessionId) {
        this(root, sessionId, null);
    }

    /**
     * @param markValue the value of {@link #MARK_VARIABLE} in the started program's environment, or null
     */
    public ProcessTree(ProcessHandle root, long sessionId, String markValue) {
        this.root = root;
        this.sessionId = sessionId;
        this.mark = markValue == null ? null : (MARK_VARIABLE + "=" + markValue + "\0").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What to put before a command's argv so it runs in a session of its own (empty where setsid is missing);
     * pass the started process's pid as the session id when this is not empty.
     */
    public static List<String> sessionPrefix() {
        return SETSID.stream().filter(Files::isExecutable).findFirst().map(p -> List.of(p.toString())).orElse(List.of());
    }

    /** Adds the command's current processes to the ones to end. */
    public synchronized void sample() {
        if (HAS_PROC && sessionId > 0) {
            scanProc();
        } else {
            root.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
        }
    }

    /** Whether any process of the command other than the root is still running. */
    public synchronized boolean hasLeftovers() {
        sample();
        scanForMark();
        return seen.values().stream().anyMatch(ProcessTree::running);
    }

    /** Ends the root and everything it started; returns once all are gone or the SIGKILL wait ran out. */
    public synchronized void kill(Duration grace) {
        sample();
        scanForMark();
        alive().forEach(ProcessHandle::destroy);
        waitForExit(grace);
        // Processes forked during the grace period are caught by sampling again before SIGKILL.
        sample();
        alive().forEach(ProcessHandle::destroyForcibly);
        waitForExit(Duration.ofSeconds(2));
    }

    /** How many processes were found under the root over its life, for reports. */
    public synchronized int seenCount() {
        return seen.size();
    }

    /** Adds every process whose environment carries the mark, wherever it was re-parented to. */
    private void scanForMark() {
        if (mark == null || !HAS_PROC) {
            return;
        }
        long self = ProcessHandle.current().pid();
        try {
            forEachProcess((pid, entry) -> {
                if (pid != self && pid != root.pid() && !seen.containsKey(pid) && carriesMark(entry)) {
                    remember(pid);
                }
            });
        } catch (IOException | RuntimeException e) {
            // /proc changed under us; the sampled processes still count
        }
    }

    /** Calls {@code visit} with the pid and /proc entry of every process on the machine. */
    private static void forEachProcess(java.util.function.BiConsumer<Long, Path> visit) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid;
                try {
                    pid = Long.parseLong(entry.getFileName().toString());
                } catch (NumberFormatException notPid) {
                    continue;
                }
                visit.accept(pid, entry);
            }
        }
    }

    private boolean carriesMark(Path procEntry) {
        byte[] env;
        try {
            env = Files.readAllBytes(procEntry.resolve("environ"));
        } catch (IOException | RuntimeException gone) {
            return false; // exited, or another user's process
        }
        // Variables are NUL-terminated; the mark matches at the start or right after a NUL.
        outer:
        for (int i = 0; i + mark.length <= env.length; i++) {
            if (i > 0 && env[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < mark.length; j++) {
                if (env[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
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
    public static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        String[] stat = stat(PROC.resolve(Long.toString(h.pid())));
        return stat == null || !stat[0].startsWith("Z");
    }

    /** One pass over /proc: session members, and children of any process already known, transitively. */
    private void scanProc() {
        Map<Long, Long> parentOf = new HashMap<>();
        try {
            forEachProcess((pid, entry) -> {
                String[] f = stat(entry);
                if (f == null || f.length < 4) {
                    return;
                }
                long ppid = Long.parseLong(f[1]);
                if (pid != root.pid() && Long.parseLong(f[3]) == sessionId) {
                    remember(pid);
                } else {
                    parentOf.put(pid, ppid);
                }
            });
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
