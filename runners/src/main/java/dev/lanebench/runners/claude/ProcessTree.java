package dev.lanebench.runners.claude;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds every process the CLI started (its shells, their children, jobs they put in the background) so all of
 * them can be stopped: at the deadline, and after the CLI exits, when a background process it left would
 * otherwise keep running and touching the workspace while it is verified.
 *
 * <p>Descendants are not enough: the CLI runs each shell command detached, in a session of its own, and a
 * job started with {@code &} is re-parented to init as soon as its shell exits. What every such process keeps
 * is the environment, so the CLI gets a per-attempt mark variable and, on Linux, {@code /proc/PID/environ} is
 * searched for it when stopping (the technique of Jenkins' process-tree killer). Descendants are sampled as
 * well, for systems without {@code /proc} and for processes that drop their environment. Processes are
 * recognised again by pid and start time, so a reused pid is never killed.
 */
final class ProcessTree {
    static final String MARK_VARIABLE = "LANEBENCH_PROCESS_MARK";
    private static final Path PROC = Path.of("/proc");

    private final Process root;
    private final byte[] mark;
    private final Map<Long, Instant> seen = new LinkedHashMap<>();

    /**
     * @param root      the started CLI
     * @param markValue the value of {@link #MARK_VARIABLE} in the CLI's environment
     */
    ProcessTree(Process root, String markValue) {
        this.root = root;
        this.mark = (MARK_VARIABLE + "=" + markValue + "\0").getBytes(StandardCharsets.UTF_8);
    }

    /** Notes the CLI's current descendants; cheap enough to call a few times a second. */
    synchronized void sample() {
        root.toHandle().descendants().forEach(this::remember);
    }

    private void remember(ProcessHandle h) {
        h.info().startInstant().ifPresent(t -> seen.putIfAbsent(h.pid(), t));
    }

    /** Adds every process whose environment carries the mark, wherever it was re-parented to. */
    private void scanForMark() {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid;
                try {
                    pid = Long.parseLong(entry.getFileName().toString());
                } catch (NumberFormatException notPid) {
                    continue;
                }
                if (pid != self && pid != root.pid() && carriesMark(entry)) {
                    ProcessHandle.of(pid).ifPresent(this::remember);
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc changed under us; the sampled descendants still count
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

    /** Kills the CLI and every process found under it or carrying its mark that is still the same process. */
    synchronized void killAll() {
        sample();
        scanForMark();
        // Children before the CLI, so none is re-parented out of reach while its parent dies.
        for (Map.Entry<Long, Instant> e : seen.entrySet()) {
            ProcessHandle.of(e.getKey())
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(e.getValue()::equals).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        root.destroyForcibly();
    }

    /** How many processes were found under the CLI over the run, for the outcome's context. */
    synchronized int seenCount() {
        return seen.size();
    }
}
