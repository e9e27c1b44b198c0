package dev.lanebench.runners.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One attempt's bubblewrap sandbox: the workspace at /workspace, HOME at /home/agent, TMPDIR at /tmp, the
 * system read-only, nothing else. Each {@link #start} is a sandbox of its own over the same folders (its own
 * process namespace, ended with its first process); the proxy gate and the private uid live as long as the
 * session.
 */
final class BwrapSession extends IsolatingSession {
    private final Integer privateUid;
    private final Set<NamespaceProcess> live = ConcurrentHashMap.newKeySet();
    private final ProxyGate gate;
    private volatile boolean closed;

    BwrapSession(SandboxMounts mounts, SandboxLimits limits, Integer privateUid) throws IOException {
        super(mounts, limits);
        this.privateUid = privateUid;
        this.gate = new ProxyGate(mounts.control().resolve("gate"));
        try {
            for (Path dir : List.of(mounts.workspace(), mounts.home(), mounts.tmp(), mounts.control())) {
                Files.createDirectories(dir);
            }
            if (privateUid != null) {
                for (Path dir : List.of(mounts.workspace(), mounts.home(), mounts.tmp())) {
                    PrivateUids.handOver(dir, privateUid);
                    reachable(dir);
                }
                reachable(mounts.control());
                for (Path ro : mounts.readOnly()) {
                    reachable(ro);
                }
            }
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    @Override
    public String backend() {
        return BwrapSandbox.NAME;
    }

    @Override
    public SandboxedProcess start(ExecSpec spec) throws IOException {
        if (closed) {
            throw new IOException("the sandbox session is closed");
        }
        List<String> argv = new ArrayList<>(BwrapSandbox.limitPrefix(limits, privateUid));
        argv.addAll(BwrapSandbox.namespaceOptions());
        argv.addAll(List.of("--uid", BwrapSandbox.INSIDE_ID, "--gid", BwrapSandbox.INSIDE_ID));
        bind(argv, "--bind", mounts.workspace(), workspace());
        bind(argv, "--bind", mounts.home(), home());
        bind(argv, "--bind", mounts.tmp(), tmp());
        for (Path ro : mounts.readOnly()) {
            bind(argv, "--ro-bind", ro, ro);
        }
        String javaHome = spec.env().get("JAVA_HOME");
        if (javaHome != null && Path.of(javaHome).isAbsolute() && !shows(Path.of(javaHome)) && Files.isDirectory(Path.of(javaHome))) {
            bind(argv, "--ro-bind", Path.of(javaHome), Path.of(javaHome));
        }
        List<String> command = spec.argv();
        if (spec.proxyPort() != null) {
            command = gate.command(spec.proxyPort(), command);
            bind(argv, "--ro-bind", gate.folder(), Path.of(BwrapSandbox.GATE));
        }
        argv.addAll(List.of("--chdir", workspace().toString(), "--"));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(mounts.control().toFile());
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        pb.environment().put("HOME", home().toString());
        pb.environment().put("TMPDIR", tmp().toString());
        Process process = HostProcess.startWith(pb, spec.stdin(), spec.stderr());
        NamespaceProcess p = new NamespaceProcess(process);
        live.add(p);
        live.removeIf(x -> !x.isAlive());
        return p;
    }

    private static void bind(List<String> argv, String option, Path host, Path inside) {
        argv.addAll(List.of(option, host.toString(), inside.toString()));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (NamespaceProcess p : live) {
            p.kill();
        }
        live.clear();
        release();
    }

    private synchronized void release() {
        gate.close();
        if (privateUid != null) {
            PrivateUids.give(privateUid);
        }
    }

    /**
     * Makes sure the private uid can walk down to {@code path}: a folder of the harness's own in the temp
     * folder gets o+x (traverse, not list); anything else that blocks the way is an error that says so.
     */
    private static void reachable(Path path) throws IOException {
        Path tmpRoot = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        for (Path dir = path.toAbsolutePath().normalize().getParent(); dir != null && dir.getParent() != null; dir = dir.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                continue;
            }
            if (dir.startsWith(tmpRoot) && !dir.equals(tmpRoot)) {
                Set<PosixFilePermission> more = EnumSet.copyOf(perms);
                more.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, more);
            } else {
                throw new IOException("the sandbox's private user cannot reach " + path + ": " + dir
                        + " is not traversable by others (chmod o+x it, or keep lanebench's work folder under "
                        + tmpRoot + ")");
            }
        }
    }
}
