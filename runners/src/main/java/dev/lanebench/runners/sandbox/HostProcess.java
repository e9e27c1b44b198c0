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
 * A process on the host, without isolation (the {@code none} backend, and graders): in a session of its own,
 * killed by the kernel if the harness dies ({@code setpriv --pdeathsig}, where util-linux has it), its
 * environment marked so that whatever it starts can be found in /proc and ended ({@link ProcessTree}).
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
        List<String> session = ProcessTree.sessionPrefix();
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
