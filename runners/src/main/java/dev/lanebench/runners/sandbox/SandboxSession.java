package dev.lanebench.runners.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One attempt's sandbox: every process of the attempt starts here, sees the agent's view of the folders
 * ({@link #workspace()}, {@link #home()}, {@link #tmp()}) and nothing of the harness, and is ended by
 * {@link #close()} at the latest. Thread-safe.
 */
public interface SandboxSession extends AutoCloseable {

    /** The backend's name ({@code bwrap}, {@code docker}, {@code none}). */
    String backend();

    /** The workspace as the agent sees it (its working directory). */
    Path workspace();

    /** HOME as the agent sees it. */
    Path home();

    /** TMPDIR as the agent sees it. */
    Path tmp();

    /**
     * The environment an agent process starts from: {@link AgentEnvironment}'s allowlist, with PATH cut to
     * the folders this sandbox shows and HOME and TMPDIR as the agent sees them. Runners add their own
     * variables to it; nothing else of {@code harnessEnv} is read.
     */
    java.util.Map<String, String> environment(java.util.Map<String, String> harnessEnv);

    /** Starts a process inside the sandbox. */
    SandboxedProcess start(ExecSpec spec) throws IOException;

    /**
     * A reason to stop the agent when its folders grew past the workspace limit, else null. Walks the
     * folders, so call it every few seconds at most.
     */
    String overLimit();

    /** Ends every process started in this session and releases what the session holds; never throws. */
    @Override
    void close();
}
