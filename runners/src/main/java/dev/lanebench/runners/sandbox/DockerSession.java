package dev.lanebench.runners.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Ulimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One attempt's container: started at open with {@code sleep infinity} as its first process, the attempt's
 * folders bound at /workspace, /home/agent and /tmp, and the gate folder (the proxy's socket and the script that
 * serves it inside) at /run/lanebench. Every {@link #start} is a {@code docker exec} as the agent's user; what a
 * process leaves behind is killed when it ends, and the container is removed at close.
 */
final class DockerSession extends IsolatingSession {
    private final GenericContainer<?> container;
    private final Integer privateUid;
    private final String user;
    private final ProxyGate gate;
    private final Set<ExecProcess> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DockerSession(GenericContainer<?> container, SandboxMounts mounts, SandboxLimits limits, Integer privateUid,
                          String user, ProxyGate gate) {
        super(mounts, limits);
        this.container = container;
        this.privateUid = privateUid;
        this.user = user;
        this.gate = gate;
    }

    static DockerSession start(String image, SandboxMounts mounts, SandboxLimits limits, Integer privateUid)
            throws IOException {
        for (Path dir : List.of(mounts.workspace(), mounts.home(), mounts.tmp(), mounts.control())) {
            Files.createDirectories(dir);
        }
        // The container's mounts are fixed at its start, so the gate's folder is there from the beginning.
        ProxyGate gate = new ProxyGate(mounts.control().resolve("gate"));
        Path gateFolder = gate.folder();
        int uid = privateUid != null ? privateUid : PrivateUids.harnessUid();
        if (privateUid != null) {
            for (Path dir : List.of(mounts.workspace(), mounts.home(), mounts.tmp())) {
                PrivateUids.handOver(dir, privateUid);
            }
        }
        String user = uid + ":" + uid;
        long mb = 1024L * 1024L;
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withCommand("sleep", "infinity")
                .withNetworkMode("none")
                .withFileSystemBind(mounts.workspace().toString(), BwrapSandbox.WORKSPACE.toString(), BindMode.READ_WRITE)
                .withFileSystemBind(mounts.home().toString(), BwrapSandbox.HOME.toString(), BindMode.READ_WRITE)
                .withFileSystemBind(mounts.tmp().toString(), BwrapSandbox.TMP.toString(), BindMode.READ_WRITE)
                .withFileSystemBind(gateFolder.toString(), BwrapSandbox.GATE, BindMode.READ_ONLY)
                .withCreateContainerCmdModifier((CreateContainerCmd cmd) -> {
                    cmd.withUser(user).withWorkingDir(BwrapSandbox.WORKSPACE.toString()).withHostName("lanebench");
                    cmd.getHostConfig()
                            .withCapDrop(Capability.ALL)
                            .withSecurityOpts(List.of("no-new-privileges"))
                            .withMemory(limits.memory() * mb)
                            .withMemorySwap(limits.memory() * mb)
                            .withPidsLimit((long) limits.processCount())
                            .withUlimits(List.of(new Ulimit("fsize", limits.fileSize() * mb, limits.fileSize() * mb),
                                    new Ulimit("core", 0L, 0L)));
                });
        for (Path ro : mounts.readOnly()) {
            c.withFileSystemBind(ro.toString(), ro.toString(), BindMode.READ_ONLY);
        }
        try {
            c.start();
        } catch (RuntimeException e) {
            if (privateUid != null) {
                PrivateUids.give(privateUid);
            }
            throw new IOException("the docker sandbox did not start: " + e.getMessage(), e);
        }
        return new DockerSession(c, mounts, limits, privateUid, user, gate);
    }

    @Override
    public String backend() {
        return DockerSandbox.NAME;
    }

    @Override
    public SandboxedProcess start(ExecSpec spec) throws IOException {
        if (closed) {
            throw new IOException("the sandbox session is closed");
        }
        List<String> command = spec.argv();
        if (spec.proxyPort() != null) {
            command = gate.command(spec.proxyPort(), command);
        }
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("HOME", home().toString());
        env.put("TMPDIR", tmp().toString());
        ExecProcess p = ExecProcess.start(client(), container.getContainerId(), user, command, env, spec.stdin(),
                spec.stderr(), this::killAgentProcesses);
        live.add(p);
        live.removeIf(x -> !x.isAlive());
        return p;
    }

    private DockerClient client() {
        return container.getDockerClient();
    }

    /** Ends every process of the agent's user in the container but its first ({@code kill -9 -1}). */
    private void killAgentProcesses() {
        if (closed) {
            return;
        }
        try {
            var exec = client().execCreateCmd(container.getContainerId()).withUser(user).withCmd("kill", "-9", "-1").exec();
            client().execStartCmd(exec.getId()).withDetach(true).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<>())
                    .awaitCompletion(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            // the container is going anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (ExecProcess p : live) {
            p.abandon();
        }
        closed = true;
        live.clear();
        try {
            container.stop();
        } catch (RuntimeException e) {
            // removed already, or the engine went away: nothing more to end
        }
        gate.close();
        if (privateUid != null) {
            PrivateUids.give(privateUid);
        }
    }
}
