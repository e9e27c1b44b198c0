package dev.lanebench.runners.sandbox;

/** What every backend's session does alike. */
final class Sessions {
    private Sessions() {
    }

    /** Whether a host path is visible in a session that shows the system folders and the mounts' read-only paths. */
    static boolean shows(SandboxMounts mounts, java.nio.file.Path p) {
        return HostView.shows(p) || mounts.readOnly().stream().anyMatch(p.toAbsolutePath().normalize()::startsWith);
    }

    /** The agent environment of an isolating session: PATH cut to what it shows, HOME and TMPDIR as the agent sees them. */
    static java.util.Map<String, String> environment(java.util.Map<String, String> harnessEnv, SandboxMounts mounts,
                                                     SandboxSession session) {
        java.util.Map<String, String> env = AgentEnvironment.base(harnessEnv, p -> shows(mounts, p));
        env.put("HOME", session.home().toString());
        env.put("TMPDIR", session.tmp().toString());
        return env;
    }

    /** The workspace-limit check over the writable folders of {@code mounts}. */
    static String overLimit(SandboxLimits limits, SandboxMounts mounts) {
        long max = (long) limits.workspace() * 1024 * 1024;
        long used = FolderSize.of(max, mounts.workspace(), mounts.home(), mounts.tmp());
        return used > max ? "the workspace, HOME and TMPDIR hold more than " + limits.workspace() + " MB" : null;
    }
}
