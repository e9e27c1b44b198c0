package dev.lanebench.runners.sandbox;

/** What every backend's session does alike. */
final class Sessions {
    private Sessions() {
    }

    /** The workspace-limit check over the writable folders of {@code mounts}. */
    static String overLimit(SandboxLimits limits, SandboxMounts mounts) {
        long max = (long) limits.workspace() * 1024 * 1024;
        long used = FolderSize.of(max, mounts.workspace(), mounts.home(), mounts.tmp());
        return used > max ? "the workspace, HOME and TMPDIR hold more than " + limits.workspace() + " MB" : null;
    }
}
