package dev.lanebench.runners.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Resource limits of one attempt's sandbox (lanes.yaml {@code sandbox_limits}, per lane); a null field takes
 * its default. Memory and file size are enforced by the kernel per process (RLIMIT_DATA, RLIMIT_FSIZE), the
 * process count per sandbox where the backend can (see the backend), the workspace size by the harness, which
 * stops the agent when its folders grow past the limit.
 *
 * @param memoryMb      the most private memory one process may hold
 * @param processes     the most processes (and threads) alive in the sandbox at once
 * @param fileSizeMb    the largest file a process may write
 * @param workspaceMb   the most the workspace, HOME and TMPDIR may hold together
 */
public record SandboxLimits(
        @JsonProperty("memory_mb") Integer memoryMb,
        @JsonProperty("processes") Integer processes,
        @JsonProperty("file_size_mb") Integer fileSizeMb,
        @JsonProperty("workspace_mb") Integer workspaceMb) {

    public static final int DEFAULT_MEMORY_MB = 1536;
    public static final int DEFAULT_PROCESSES = 512;
    public static final int DEFAULT_FILE_SIZE_MB = 128;
    public static final int DEFAULT_WORKSPACE_MB = 1024;
    public static final SandboxLimits DEFAULTS = new SandboxLimits(null, null, null, null);

    public int memory() {
        return memoryMb == null ? DEFAULT_MEMORY_MB : memoryMb;
    }

    public int processCount() {
        return processes == null ? DEFAULT_PROCESSES : processes;
    }

    public int fileSize() {
        return fileSizeMb == null ? DEFAULT_FILE_SIZE_MB : fileSizeMb;
    }

    public int workspace() {
        return workspaceMb == null ? DEFAULT_WORKSPACE_MB : workspaceMb;
    }

    /** For run.json: the limits as applied. */
    public String describe() {
        return "memory " + memory() + " MB/process, " + processCount() + " processes, files ≤ " + fileSize()
                + " MB, workspace ≤ " + workspace() + " MB";
    }
}
