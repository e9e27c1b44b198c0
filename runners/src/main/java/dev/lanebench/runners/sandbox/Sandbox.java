package dev.lanebench.runners.sandbox;

import dev.lanebench.runners.agent.Readiness;
import java.io.IOException;

/**
 * A way of isolating the processes an agent controls (a backend: {@code bwrap}, {@code docker}, {@code none}).
 * Every process of an attempt — the flat runner's commands and file tools, an agent CLI with all its tools —
 * is started through a {@link SandboxSession} opened here, so the isolation rules live in one place.
 */
public interface Sandbox {

    /** The backend's name as lanes.yaml, {@code --sandbox} and raw.csv's {@code sandbox} column spell it. */
    String name();

    /** Whether the backend can run here, with the reason when it cannot (bubblewrap missing, no Docker engine). */
    Readiness readiness();

    /** The backend's version for run.json (e.g. {@code bubblewrap 0.8.0}); null when unknown. */
    String version();

    /** False only for {@code none}: rows and tables then mark the lane as unsandboxed. */
    boolean isolates();

    /**
     * Prepares one attempt's sandbox over its folders. Nothing runs until {@link SandboxSession#start}; closing
     * the session ends everything that was started in it.
     */
    SandboxSession open(SandboxMounts mounts, SandboxLimits limits) throws IOException;

    /**
     * The environment a grader and the agent code it runs start from: {@link AgentEnvironment}'s allowlist
     * with PATH cut to what this backend's sandboxes show, so the grader's tools are the ones the sandboxed code
     * finds too. No HOME or TMPDIR: the caller sets them.
     */
    java.util.Map<String, String> graderEnvironment(java.util.Map<String, String> harnessEnv);

    /**
     * How a grader runs agent code in this kind of sandbox: a description for the verify helper (the
     * {@code LANEBENCH_SANDBOX} variable), or a plain-run description where the backend has none.
     *
     * @param scratch a private folder of the grading, for the sandbox's /tmp
     */
    GraderSandbox forGrader(java.nio.file.Path scratch, SandboxLimits limits) throws IOException;
}
