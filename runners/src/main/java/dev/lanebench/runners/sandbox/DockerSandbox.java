package dev.lanebench.runners.sandbox;

import dev.lanebench.runners.agent.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The {@code docker} backend, through Testcontainers: one container per attempt from a configurable image (the
 * default is built from {@code docker/Dockerfile}: python3, a JDK, git), the workspace, HOME and TMPDIR
 * bind-mounted, no network (the proxy is reached through the same Unix-socket gate as in bwrap), all capabilities
 * dropped, memory, process count and file size limited by the engine. Processes start with {@code docker exec};
 * the container and everything in it go when the session closes. Needs a Docker engine; nothing else does.
 */
public final class DockerSandbox implements Sandbox {
    public static final String NAME = "docker";
    static final String DEFAULT_IMAGE_NAME = "lanebench/sandbox:bookworm-1";
    private static final Object PROBE_LOCK = new Object();
    private static Readiness probed;
    private final String image;

    /** @param image the image to run, or null for lanebench's default */
    public DockerSandbox(String image) {
        this.image = image;
    }

    public DockerSandbox() {
        this(null);
    }

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

    private static Readiness probe() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? Readiness.ok()
                    : Readiness.notReady("no Docker engine reachable (the docker sandbox needs one; see docker info)");
        } catch (RuntimeException | LinkageError e) {
            return Readiness.notReady("no Docker engine reachable: " + e.getMessage());
        }
    }

    @Override
    public String version() {
        if (!readiness().ready()) {
            return null;
        }
        try {
            return "docker " + DockerClientFactory.instance().client().versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The image as the engine knows it: the configured one, or the default built once from the Dockerfile. */
    String imageName() {
        if (image != null) {
            return image;
        }
        synchronized (PROBE_LOCK) {
            if (builtDefault == null) {
                builtDefault = new ImageFromDockerfile(DEFAULT_IMAGE_NAME, false)
                        .withFileFromClasspath("Dockerfile", "dev/lanebench/runners/sandbox/docker/Dockerfile").get();
            }
            return builtDefault;
        }
    }

    private static String builtDefault;

    @Override
    public SandboxSession open(SandboxMounts mounts, SandboxLimits limits) throws IOException {
        Readiness r = readiness();
        if (!r.ready()) {
            throw new IOException("docker sandbox not ready: " + r.reason());
        }
        return DockerSession.start(imageName(), mounts, limits, BwrapSandbox.asRoot() ? PrivateUids.take() : null);
    }

    @Override
    public Map<String, String> graderEnvironment(Map<String, String> harnessEnv) {
        return AgentEnvironment.base(harnessEnv, HostView::shows);
    }

    /**
     * Grader-run code goes into a container of the same image with {@code docker run} where the docker command
     * line tool is installed; without it, into bubblewrap where that is ready, else unsandboxed.
     */
    @Override
    public GraderSandbox forGrader(Path scratch, SandboxLimits limits) throws IOException {
        if (BwrapSandbox.tool("docker").isEmpty() || !readiness().ready()) {
            Sandbox fallback = new BwrapSandbox();
            return fallback.readiness().ready() ? fallback.forGrader(scratch, limits) : GraderSandbox.plain(NAME);
        }
        Path tmp = Files.createDirectories(scratch.resolve("sandbox-tmp"));
        List<String> prefix = new ArrayList<>(List.of(BwrapSandbox.tool("docker").get().toString(), "run", "--rm", "-i",
                "--network", "none", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "--memory", limits.memory() + "m", "--pids-limit", String.valueOf(limits.processCount()),
                "--ulimit", "fsize=" + (long) limits.fileSize() * 1024 * 1024,
                "-v", tmp.toAbsolutePath() + ":/tmp"));
        return new GraderSandbox(NAME, prefix, List.of("-v", "{path}:{path}"), List.of("-v", "{path}:{path}:ro"),
                List.of("-e", "{kv}"), List.of("-w", "{path}"), List.of(imageName()), List.of());
    }
}
