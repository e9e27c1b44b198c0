package dev.lanebench.runners.sandbox;

import dev.lanebench.runners.process.ProcessTree;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A process on the host, without isolation (the {@code none} backend, and graders). Where util-linux allows, it
 * is the first process of a process namespace of its own ({@code unshare --pid --fork --kill-child
 * --mount-proc}) behind a parent-death signal ({@code setpriv --pdeathsig}): when it ends, or the harness dies
 * even by SIGKILL, everything it started dies with it, and its /proc shows only its own processes. It still
 * sees the host's files. Elsewhere it runs in a session
 * of its own with its environment marked, so whatever it starts can be found in /proc and ended
 * ({@link ProcessTree}).
 */
public final class HostProcess implements SandboxedProcess {
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));
    private static final Duration KILL_GRACE = Duration.ofMillis(300);
    private final Process process;
    private final ProcessTree tree;

    private HostProcess(Process process, ProcessTree tree) {
        this.process = process;
        this.tree = tree;
    }

    /** Starts {@code argv} in {@code cwd} with exactly {@code env} (plus the process mark). */
    public static HostProcess start(List<String> argv, Path cwd, Map<String, String> env, byte[] stdin, Path stderr)
            throws IOException {
        List<String> full = new ArrayList<>();
        SETPRIV.stream().filter(Files::isExecutable).findFirst()
                .ifPresent(p -> full.addAll(List.of(p.toString(), "--pdeathsig", "KILL", "--")));
        List<String> namespace = namespacePrefix();
        List<String> session = namespace.isEmpty() ? ProcessTree.sessionPrefix() : List.of();
        full.addAll(namespace);
        full.addAll(session);
        full.add(onPath(argv.get(0), env.get("PATH")));
        full.addAll(argv.subList(1, argv.size()));
        String mark = UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder(full).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put(ProcessTree.MARK_VARIABLE, mark);
        Process p = startWith(pb, stdin, stderr);
        return new HostProcess(p, new ProcessTree(p.toHandle(), session.isEmpty() ? -1 : p.pid(), mark));
    }

    private static volatile List<String> namespacePrefix;

    /** {@code unshare} into a process namespace of its own, where util-linux and the kernel allow it; else empty. */
    static List<String> namespacePrefix() {
        if (namespacePrefix == null) {
            namespacePrefix = probeNamespace();
        }
        return namespacePrefix;
    }

    private static List<String> probeNamespace() {
        Path unshare = BwrapSandbox.tool("unshare").orElse(null);
        if (unshare == null) {
            return List.of();
        }
        List<String> prefix = new ArrayList<>(List.of(unshare.toString()));
        if (PrivateUids.harnessUid() != 0) {
            prefix.addAll(List.of("--user", "--map-root-user"));
        }
        // --mount-proc: a /proc of the new namespace, so the pids a process reads there are its own (bubblewrap
        // started inside looks itself up by pid) and the harness's processes are out of its sight.
        prefix.addAll(List.of("--pid", "--fork", "--kill-child", "--mount-proc", "--"));
        try {
            List<String> probe = new ArrayList<>(prefix);
            probe.add("true");
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? List.copyOf(prefix) : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * The program as the process's own PATH finds it: Java would search the harness's PATH, which may hold
     * another interpreter than the one the process's environment names.
     */
    static String onPath(String program, String path) {
        if (program.contains("/") || path == null) {
            return program;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toString();
            }
        }
        return program;
    }

    /** Starts a prepared builder with the stdin and stderr an {@link ExecSpec} asks for. */
    static Process startWith(ProcessBuilder pb, byte[] stdin, Path stderr) throws IOException {
        if (stderr == null) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(stderr.toFile());
        }
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        if (stdin != null) {
            Thread feeder = new Thread(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException closedEarly) {
                    // the process stopped reading: what it took is what it gets
                }
            }, "sandbox-stdin");
            feeder.setDaemon(true);
            feeder.start();
        }
        return p;
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
        tree.sample();
    }

    @Override
    public boolean hasLeftovers() {
        return tree.hasLeftovers();
    }

    @Override
    public void kill() {
        tree.kill(KILL_GRACE);
    }

    @Override
    public int seenCount() {
        return tree.seenCount();
    }
}
