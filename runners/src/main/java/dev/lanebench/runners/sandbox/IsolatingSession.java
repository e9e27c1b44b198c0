package dev.lanebench.runners.sandbox;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the sessions of the isolating backends (bwrap, docker) share: the agent's view — the workspace at
 * /workspace, HOME at /home/agent, TMPDIR at /tmp, wherever they lie on the host — its environment and the
 * workspace limit.
 */
abstract class IsolatingSession implements SandboxSession {
    protected final SandboxMounts mounts;
    protected final SandboxLimits limits;

    IsolatingSession(SandboxMounts mounts, SandboxLimits limits) {
        this.mounts = mounts;
        this.limits = limits;
    }

    @Override
    public Path workspace() {
        return BwrapSandbox.WORKSPACE;
    }

    @Override
    public Path home() {
        return BwrapSandbox.HOME;
    }

    @Override
    public Path tmp() {
        return BwrapSandbox.TMP;
    }

    @Override
    public Map<String, String> environment(Map<String, String> harnessEnv) {
        Map<String, String> env = AgentEnvironment.base(harnessEnv, this::shows);
        env.put("HOME", home().toString());
        env.put("TMPDIR", tmp().toString());
        return env;
    }

    /** Whether a host path is visible inside: the system folders and the mounts' read-only paths. */
    protected boolean shows(Path p) {
        return HostView.shows(p) || mounts.readOnly().stream().anyMatch(p.toAbsolutePath().normalize()::startsWith);
    }

    @Override
    public String overLimit() {
        return Sessions.overLimit(limits, mounts);
    }
}
