package dev.lanebench.runners.sandbox;

import dev.lanebench.runners.agent.Readiness;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bwrap} backend (the default on Linux): bubblewrap, no daemon. Every namespace is unshared (user,
 * pid, mount, network, ipc, uts, cgroup), capabilities are dropped, /proc is the sandbox's own, the system
 * folders are read-only and the only writable places are the attempt's workspace, HOME and TMPDIR. There is no
 * network; a process that needs the attempt's proxy reaches it through a Unix socket and a small gate inside
 * ({@code netgate.py}). Memory and file size are limited per process by rlimits; when the harness runs as root,
 * each session runs as a private unprivileged uid, which also bounds its process count.
 */
public final class BwrapSandbox implements Sandbox {
    public static final String NAME = "bwrap";
    static final Path WORKSPACE = Path.of("/workspace");
    static final Path HOME = Path.of("/home/agent");
    static final Path TMP = Path.of("/tmp");
    static final String GATE = "/run/lanebench";
    /** The uid and gid the agent sees inside. */
    static final String INSIDE_ID = "1000";
    private static final Object PROBE_LOCK = new Object();
    private static Readiness probed;
    private static String probedVersion;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isolates() {
        return true;
    }

    @Override
    public Readiness readiness() {
        synchronized (PROBE_LOCK) {
            if (probed == null) {
                probed = probe();
            }
            return probed;
        }
    }

    @Override
    public String version() {
        synchronized (PROBE_LOCK) {
            if (probedVersion == null) {
                probedVersion = tool("bwrap").map(b -> firstLine(b.toString(), "--version")).orElse(null);
            }
            return probedVersion;
        }
    }

    @Override
    public SandboxSession open(SandboxMounts mounts, SandboxLimits limits) throws IOException {
        Readiness r = readiness();
        if (!r.ready()) {
            throw new IOException("bwrap sandbox not ready: " + r.reason());
        }
        return new BwrapSession(mounts, limits, asRoot() ? PrivateUids.take() : null);
    }

    @Override
    public java.util.Map<String, String> graderEnvironment(java.util.Map<String, String> harnessEnv) {
        return AgentEnvironment.base(harnessEnv, HostView::shows);
    }

    @Override
    public GraderSandbox forGrader(Path scratch, SandboxLimits limits) throws IOException {
        Path tmp = Files.createDirectories(scratch.resolve("sandbox-tmp"));
        List<String> prefix = new ArrayList<>(limitPrefix(limits, null));
        prefix.addAll(namespaceOptions());
        prefix.addAll(List.of("--bind", tmp.toAbsolutePath().toString(), TMP.toString()));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank() && Path.of(javaHome).isAbsolute() && !HostView.shows(Path.of(javaHome))
                && Files.isDirectory(Path.of(javaHome))) {
            prefix.addAll(List.of("--ro-bind", javaHome, javaHome));
        }
        List<String> system = new ArrayList<>(HostView.BOUND);
        system.addAll(HostView.LINKED_OR_BOUND);
        return new GraderSandbox(NAME, prefix, List.of("--bind", "{path}", "{path}"), List.of("--ro-bind", "{path}", "{path}"),
                List.of(), List.of("--chdir", "{path}"), List.of("--"), system);
    }

    /** setpriv (to a private uid, when given) and prlimit, ahead of bwrap. */
    static List<String> limitPrefix(SandboxLimits limits, Integer privateUid) {
        List<String> argv = new ArrayList<>();
        if (privateUid != null) {
            argv.addAll(List.of(tool("setpriv").orElseThrow().toString(), "--reuid=" + privateUid,
                    "--regid=" + privateUid, "--clear-groups", "--"));
        }
        long mb = 1024L * 1024L;
        argv.add(tool("prlimit").orElseThrow().toString());
        argv.add("--data=" + limits.memory() * mb);
        argv.add("--fsize=" + limits.fileSize() * mb);
        argv.add("--core=0");
        if (privateUid != null) {
            // The kernel counts processes per uid but never limits root's: only a private uid can be held to it.
            argv.add("--nproc=" + limits.processCount());
        }
        argv.add("--");
        return argv;
    }

    /** bwrap and the options every sandbox shares: namespaces, capabilities, system folders, /proc, /dev. */
    static List<String> namespaceOptions() {
        List<String> o = new ArrayList<>(List.of(tool("bwrap").orElseThrow().toString(),
                "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--hostname", "lanebench"));
        o.addAll(HostView.bwrapOptions());
        o.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        return o;
    }

    static boolean asRoot() {
        return PrivateUids.harnessUid() == 0;
    }

    /** A tool of the host, found on the harness's PATH or in the usual folders. */
    static Optional<Path> tool(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            if (!d.isBlank()) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Proves once that a sandbox can be made here, with the options a session uses. */
    private static Readiness probe() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Readiness.notReady("bubblewrap runs only on Linux");
        }
        if (tool("bwrap").isEmpty()) {
            return Readiness.notReady("bubblewrap not installed (Debian/Ubuntu: apt-get install bubblewrap)");
        }
        if (tool("prlimit").isEmpty()) {
            return Readiness.notReady("prlimit not found (util-linux)");
        }
        if (asRoot() && tool("setpriv").isEmpty()) {
            return Readiness.notReady("setpriv not found (util-linux); running as root needs it for a private uid");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lanebench-probe");
            SandboxMounts mounts = SandboxMounts.under(dir.resolve("workspace"), dir.resolve("scratch"), dir.resolve("sandbox"));
            try (BwrapSession s = new BwrapSession(mounts, SandboxLimits.DEFAULTS, asRoot() ? PrivateUids.take() : null)) {
                Path err = dir.resolve("stderr");
                SandboxedProcess p = s.start(new ExecSpec(List.of("sh", "-c", "echo ok > probe"),
                        s.environment(System.getenv()), null, err, null));
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.kill();
                    return Readiness.notReady("bubblewrap did not start a sandbox within 10 s");
                }
                if (p.exitValue() != 0 || !Files.exists(mounts.workspace().resolve("probe"))) {
                    String why = Files.readString(err, StandardCharsets.UTF_8).strip();
                    return Readiness.notReady("bubblewrap cannot create a sandbox here"
                            + (why.isEmpty() ? " (exit " + p.exitValue() + ")" : ": " + why.lines().findFirst().orElse(why)));
                }
            }
            return Readiness.ok();
        } catch (IOException | RuntimeException e) {
            return Readiness.notReady("bubblewrap probe failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.notReady("bubblewrap probe interrupted");
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a probe folder in the temp folder is harmless
        }
    }

    private static String firstLine(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
