package dev.lanebench.runners.flat.tools;

import dev.lanebench.runners.agent.OutputCap;
import dev.lanebench.runners.sandbox.ExecSpec;
import dev.lanebench.runners.sandbox.OutputSink;
import dev.lanebench.runners.sandbox.SandboxSession;
import dev.lanebench.runners.sandbox.SandboxedProcess;
import dev.lanebench.runners.sandbox.Supervisor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs the flat tools' processes in the attempt's sandbox: a {@code run} command is {@code bash -c} in the
 * workspace with no input, stdout and stderr merged and capped, a time limit; the file tools are small
 * scripts run the same way. Nothing a process starts outlives it (each call is a sandbox of its own).
 */
public final class CommandRunner {
    private final SandboxSession sandbox;
    private final Map<String, String> env;
    private final int headBytes;
    private final int tailBytes;

    /**
     * What a command did.
     *
     * @param exitCode         the exit status; null when the command was stopped
     * @param timedOut         stopped at its own time limit
     * @param deadlineReached  stopped because the attempt deadline came first
     * @param overLimit        why it was stopped for outgrowing the workspace limit, else null
     * @param output           merged stdout/stderr, capped (head and tail kept, the middle elided with a marker)
     * @param outputBytes      bytes the command printed in all
     * @param durationMs       wall time
     * @param outputIncomplete a process kept the output open after the command ended; what came is shown
     */
    public record Result(Integer exitCode, boolean timedOut, boolean deadlineReached, String overLimit, String output,
                         long outputBytes, long durationMs, boolean outputIncomplete) {
    }

    /**
     * @param env       the commands' whole environment (from {@link SandboxSession#environment})
     * @param headBytes output bytes kept from the start
     * @param tailBytes output bytes kept from the end
     */
    public CommandRunner(SandboxSession sandbox, Map<String, String> env, int headBytes, int tailBytes) {
        this.sandbox = sandbox;
        this.env = Map.copyOf(env);
        this.headBytes = headBytes;
        this.tailBytes = tailBytes;
    }

    /** The workspace as the commands see it. */
    public String workspace() {
        return sandbox.workspace().toString();
    }

    /**
     * Runs {@code command} for at most {@code timeout}, and never past {@code deadline}.
     *
     * @throws IOException          when the sandbox cannot start it
     * @throws InterruptedException when the calling thread is interrupted; everything is ended first
     */
    public Result run(String command, Duration timeout, Instant deadline) throws IOException, InterruptedException {
        OutputCap cap = new OutputCap(headBytes, tailBytes);
        Supervisor.Exit exit = exec(List.of("bash", "-c", command), null, timeout, deadline, cap::append);
        return new Result(exit.exitCode(), exit.timedOut(), exit.deadlineReached(), exit.overLimit(), cap.render(),
                cap.total(), exit.durationMs(), exit.outputIncomplete());
    }

    /** Runs {@code argv} with {@code stdin} (null: none), its output into {@code sink}. */
    Supervisor.Exit exec(List<String> argv, byte[] stdin, Duration timeout, Instant deadline, OutputSink sink)
            throws IOException, InterruptedException {
        SandboxedProcess p = sandbox.start(ExecSpec.of(argv, env).withStdin(stdin));
        return Supervisor.supervise(p, sink, timeout, deadline, sandbox);
    }
}
