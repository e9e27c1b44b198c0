package dev.lanebench.runners.sandbox;

import dev.lanebench.runners.agent.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code none} backend: the agent's processes run on the host as the harness's user, with a clean
 * environment and their process tree hunted down at the end, but nothing stops them from reading or
 * writing anything that user can, or from reaching the network. Only used when named; rows say so.
 */
public final class NoSandbox implements Sandbox {
    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Readiness readiness() {
        return Readiness.ok();
    }

    @Override
    public String version() {
        return null;
    }

    @Override
    public boolean isolates() {
        return false;
    }

    @Override
    public SandboxSession open(SandboxMounts mounts, SandboxLimits limits) throws IOException {
        Files.createDirectories(mounts.workspace());
        Files.createDirectories(mounts.home());
        Files.createDirectories(mounts.tmp());
        return new Session(mounts, limits);
    }

    @Override
    public Map<String, String> graderEnvironment(Map<String, String> harnessEnv) {
        return AgentEnvironment.base(harnessEnv, p -> true);
    }

    @Override
    public GraderSandbox forGrader(Path scratch, SandboxLimits limits) {
        return GraderSandbox.plain(NAME);
    }

    private static final class Session implements SandboxSession {
        private final SandboxMounts mounts;
        private final SandboxLimits limits;
        private final java.util.Set<SandboxedProcess> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Session(SandboxMounts mounts, SandboxLimits limits) {
            this.mounts = mounts;
            this.limits = limits;
        }

        @Override
        public String backend() {
            return NAME;
        }

        @Override
        public Path workspace() {
            return mounts.workspace();
        }

        @Override
        public Path home() {
            return mounts.home();
        }

        @Override
        public Path tmp() {
            return mounts.tmp();
        }

        @Override
        public Map<String, String> environment(Map<String, String> harnessEnv) {
            Map<String, String> env = AgentEnvironment.base(harnessEnv, p -> true);
            env.put("HOME", home().toString());
            env.put("TMPDIR", tmp().toString());
            return env;
        }

        @Override
        public SandboxedProcess start(ExecSpec spec) throws IOException {
            HostProcess p = HostProcess.start(spec.argv(), workspace(), spec.env(), spec.stdin(), spec.stderr());
            live.add(p);
            live.removeIf(x -> !x.isAlive() && !x.hasLeftovers());
            return p;
        }

        @Override
        public String overLimit() {
            return Sessions.overLimit(limits, mounts);
        }

        @Override
        public void close() {
            for (SandboxedProcess p : live) {
                p.kill();
            }
            live.clear();
        }
    }
}
