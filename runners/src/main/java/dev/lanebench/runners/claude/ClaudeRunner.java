package dev.lanebench.runners.claude;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.ModelPath;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.cli.CliOutcome;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.proxy.ProxyRoad;
import dev.lanebench.runners.proxy.ProxyServer;
import dev.lanebench.runners.sandbox.ExecSpec;
import dev.lanebench.runners.sandbox.LineSink;
import dev.lanebench.runners.sandbox.SandboxSession;
import dev.lanebench.runners.sandbox.SandboxedProcess;
import dev.lanebench.runners.sandbox.Supervisor;
import dev.lanebench.runners.proxy.ProxySettings;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claude lane: the real {@code claude} CLI, run headless in the workspace and pointed at a built-in proxy
 * started for this attempt alone, so every model call it makes is translated to the lane's model and recorded
 * against this attempt. Its stream-json output becomes the normalized transcript; tokens and cost come only
 * from the proxy's model calls, never from the CLI's own (Anthropic-priced) totals.
 */
public final class ClaudeRunner implements Runner {
    /** Cleanup (kill, drain, stop the proxy) takes well under this, so the runner returns by the deadline. */
    private static final Duration STOP_MARGIN = Duration.ofMillis(500);

    private final Lane lane;
    private final RetryPolicy retry;

    public ClaudeRunner(Lane lane) {
        this(lane, ProxySettings.RETRY);
    }

    /** With the proxy's upstream retry policy given (tests use a fast one). */
    public ClaudeRunner(Lane lane, RetryPolicy retry) {
        this.lane = lane;
        this.retry = retry;
    }

    @Override
    public Readiness readiness(Map<String, String> env) {
        Optional<String> missing = missingEnv(env);
        if (missing.isPresent()) {
            return Readiness.notReady(missing.get());
        }
        ClaudeBinary.Lookup bin = ClaudeBinary.find(lane.spec().claudeBin(), env);
        return bin.found() ? Readiness.ok() : Readiness.notReady(bin.problem());
    }

    private Optional<String> missingEnv(Map<String, String> env) {
        if (lane.model() == null) {
            return Optional.of("lane has no model");
        }
        Optional<String> main = Upstream.main(lane).missingEnv(env);
        return main.isPresent() ? main : Upstream.small(lane).missingEnv(env);
    }

    /** Through a proxy started as for an attempt, with an Anthropic Messages request as the CLI sends it. */
    @Override
    public Optional<ModelPath> modelPath() {
        return Optional.of(new ProxyRoad(lane, retry, ProxyRoad.Front.MESSAGES));
    }

    @Override
    public Map<String, String> toolVersions(Map<String, String> env) {
        ClaudeBinary.Lookup bin = ClaudeBinary.find(lane.spec().claudeBin(), env);
        String v = bin.found() ? ClaudeBinary.version(bin.path()) : null;
        return v == null ? Map.of() : Map.of("claude_cli", v);
    }

    @Override
    public List<Path> sandboxPaths(Map<String, String> env) {
        ClaudeBinary.Lookup bin = ClaudeBinary.find(lane.spec().claudeBin(), env);
        return bin.found() ? List.of(realFolder(bin.path())) : List.of();
    }

    /** The folder of the binary a link leads to: what the sandbox must show for the CLI to start. */
    static Path realFolder(Path bin) {
        try {
            return bin.toRealPath().getParent();
        } catch (IOException e) {
            return bin.toAbsolutePath().getParent();
        }
    }

    @Override
    public AgentOutcome run(AgentTask task) throws InterruptedException {
        Instant deadline = Instant.now().plus(task.deadline());
        Readiness ready = readiness(task.env());
        if (!ready.ready()) {
            task.log().event(TranscriptEvent.error("claude lane not ready: " + ready.reason()));
            return AgentOutcome.infra(ready.reason());
        }
        Path bin = ClaudeBinary.find(lane.spec().claudeBin(), task.env()).path();
        Path realBin;
        try {
            realBin = bin.toRealPath();
        } catch (IOException e) {
            return CliOutcome.infra(task, "claude binary unreadable: " + e.getMessage());
        }
        Path stderr = task.scratch().resolve("claude-stderr.log");
        ProxySettings settings = ProxySettings.forLane(lane, task.env()).withRetry(retry).withDeadline(deadline);
        ProxyServer proxy;
        try {
            Files.createDirectories(task.scratch());
            proxy = ProxyServer.start(settings, task.log());
        } catch (IOException e) {
            return CliOutcome.infra(task, "proxy failed to start: " + e.getMessage());
        }
        try (proxy) {
            SandboxSession sandbox = task.sandbox();
            ClaudeCommand cmd = ClaudeCommand.build(realBin, task.instruction(), lane.model().id(), lane.spec().maxTurns(),
                    proxy.baseUrl(), proxy.token(), sandbox.environment(task.env()));
            SandboxedProcess process;
            try {
                process = sandbox.start(ExecSpec.of(cmd.argv(), cmd.env()).withStderr(stderr).withProxyPort(proxy.port()));
            } catch (IOException e) {
                return CliOutcome.infra(task, "claude CLI failed to start: " + e.getMessage());
            }
            return supervise(task, process, deadline, stderr, bin);
        }
    }

    private AgentOutcome supervise(AgentTask task, SandboxedProcess process, Instant deadline, Path stderr, Path bin)
            throws InterruptedException {
        StreamJsonReader reader = new StreamJsonReader(task.log(), task.sandbox().workspace());
        LineSink lines = new LineSink(line -> {
            try {
                reader.line(line);
            } catch (RuntimeException e) {
                // a transcript write failed; the line is lost, the attempt goes on
            }
        });
        Supervisor.Exit exit = Supervisor.supervise(process, lines, null, deadline.minus(STOP_MARGIN), task.sandbox());
        lines.end();
        reader.end();
        boolean timedOut = exit.deadlineReached();
        if (timedOut) {
            task.log().event(TranscriptEvent.error("claude CLI stopped at the attempt deadline"));
        }
        if (exit.overLimit() != null) {
            task.log().event(TranscriptEvent.error("claude CLI stopped: " + exit.overLimit()));
        }
        return outcome(reader, timedOut, exit.exitCode(), exit.overLimit(), stderr, bin, exit.processesSeen());
    }

    private AgentOutcome outcome(StreamJsonReader reader, boolean timedOut, Integer exit, String overLimit, Path stderr,
                                 Path bin, int descendants) {
        ResultLine result = reader.result();
        Map<String, String> context = new LinkedHashMap<>();
        String version = reader.cliVersion() != null ? reader.cliVersion() : ClaudeBinary.version(bin);
        put(context, "claude_cli", version);
        if (result != null) {
            put(context, "subtype", result.subtype());
            put(context, "is_error", result.isError());
            put(context, "terminal_reason", result.terminalReason());
            put(context, "num_turns", result.numTurns());
            put(context, "api_error_status", result.apiErrorStatus());
            put(context, "stop_reason", result.stopReason());
        } else {
            context.put("result_line", "missing");
        }
        if (reader.junkLines() > 0) {
            context.put("unparsed_stdout_lines", String.valueOf(reader.junkLines()));
        }
        if (descendants >= 0) {
            context.put("subprocesses", String.valueOf(descendants));
        }

        Integer turns = result != null && result.numTurns() != null ? result.numTurns() : reader.assistantTurns();
        String error = null;
        if (overLimit != null) {
            error = "stopped: " + overLimit;
        } else if (timedOut) {
            error = "stopped at the deadline";
        } else if (result == null) {
            error = "claude CLI ended without a result line (exit " + exit + ")" + CliOutcome.stderrTail(stderr);
        } else if (Boolean.TRUE.equals(result.isError())) {
            error = "claude CLI: " + result.subtype()
                    + (result.terminalReason() == null ? "" : " / " + result.terminalReason())
                    + (result.apiErrorStatus() == null ? "" : " (API status " + result.apiErrorStatus() + ")");
        } else if (exit != null && exit != 0) {
            error = "claude CLI exited " + exit + CliOutcome.stderrTail(stderr);
        }
        return new AgentOutcome(timedOut, turns, exit, error, false, context);
    }

    private static void put(Map<String, String> context, String key, Object value) {
        if (value != null) {
            context.put(key, String.valueOf(value));
        }
    }

}
