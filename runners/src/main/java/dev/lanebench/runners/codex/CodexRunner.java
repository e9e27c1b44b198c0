package dev.lanebench.runners.codex;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.ModelPath;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.cli.CliOutcome;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.proxy.ProxyRoad;
import dev.lanebench.runners.proxy.ProxyServer;
import dev.lanebench.runners.proxy.ProxySettings;
import dev.lanebench.runners.sandbox.ExecSpec;
import dev.lanebench.runners.sandbox.LineSink;
import dev.lanebench.runners.sandbox.SandboxSession;
import dev.lanebench.runners.sandbox.SandboxedProcess;
import dev.lanebench.runners.sandbox.Supervisor;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The codex lane: the real {@code codex} CLI ({@code codex exec --json}), run headless in the attempt's sandbox
 * and pointed at a built-in proxy started for this attempt alone, whose Responses front translates its
 * requests to chat completions for the lane's model and records every call. Its JSON events become the
 * normalized transcript; whether the turn succeeded is read from them, not from the exit code; tokens and cost
 * come only from the proxy's model calls.
 */
public final class CodexRunner implements Runner {
    /** Cleanup (kill, drain, stop the proxy) takes well under this, so the runner returns by the deadline. */
    private static final Duration STOP_MARGIN = Duration.ofMillis(500);

    private final Lane lane;
    private final RetryPolicy retry;

    public CodexRunner(Lane lane) {
        this(lane, ProxySettings.RETRY);
    }

    /** With the proxy's upstream retry policy given (tests use a fast one). */
    public CodexRunner(Lane lane, RetryPolicy retry) {
        this.lane = lane;
        this.retry = retry;
    }

    @Override
    public Readiness readiness(Map<String, String> env) {
        if (lane.model() == null) {
            return Readiness.notReady("lane has no model");
        }
        Optional<String> missing = Upstream.main(lane).missingEnv(env);
        if (missing.isPresent()) {
            return Readiness.notReady(missing.get());
        }
        CodexBinary.Found bin = CodexBinary.find(lane.spec().codexBin(), env);
        return bin.found() ? Readiness.ok() : Readiness.notReady(bin.problem());
    }

    /** Through a proxy started as for an attempt, with a Responses request as the CLI sends it. */
    @Override
    public Optional<ModelPath> modelPath() {
        return Optional.of(new ProxyRoad(lane, retry, ProxyRoad.Front.RESPONSES));
    }

    @Override
    public Map<String, String> toolVersions(Map<String, String> env) {
        CodexBinary.Found bin = CodexBinary.find(lane.spec().codexBin(), env);
        String v = bin.found() ? CodexBinary.version(bin.binary()) : null;
        return v == null ? Map.of() : Map.of("codex_cli", v);
    }

    /** The native binary's platform folder: all the sandbox must show for the CLI to start. */
    @Override
    public List<Path> sandboxPaths(Map<String, String> env) {
        CodexBinary.Found bin = CodexBinary.find(lane.spec().codexBin(), env);
        return bin.found() ? List.of(bin.folder()) : List.of();
    }

    @Override
    public AgentOutcome run(AgentTask task) throws InterruptedException {
        Instant deadline = Instant.now().plus(task.deadline());
        Readiness ready = readiness(task.env());
        if (!ready.ready()) {
            task.log().event(TranscriptEvent.error("codex lane not ready: " + ready.reason()));
            return AgentOutcome.infra(ready.reason());
        }
        Path bin = CodexBinary.find(lane.spec().codexBin(), task.env()).binary();
        Path stderr = task.scratch().resolve("codex-stderr.log");
        CountingLog log = new CountingLog(task.log());
        ProxySettings settings = ProxySettings.forLane(lane, task.env()).withRetry(retry).withDeadline(deadline);
        ProxyServer proxy;
        try {
            Files.createDirectories(task.scratch());
            proxy = ProxyServer.start(settings, log);
        } catch (IOException e) {
            return CliOutcome.infra(task, "proxy failed to start: " + e.getMessage());
        }
        try (proxy) {
            SandboxSession sandbox = task.sandbox();
            CodexCommand cmd = CodexCommand.build(bin, lane.model().id(), proxy.openAiBaseUrl(), proxy.token(),
                    sandbox.environment(task.env()));
            SandboxedProcess process;
            try {
                process = sandbox.start(ExecSpec.of(cmd.argv(), cmd.env())
                        .withStdin(task.instruction().getBytes(StandardCharsets.UTF_8))
                        .withStderr(stderr).withProxyPort(proxy.port()));
            } catch (IOException e) {
                return CliOutcome.infra(task, "codex CLI failed to start: " + e.getMessage());
            }
            return supervise(task, log, process, deadline, stderr, bin);
        }
    }

    private AgentOutcome supervise(AgentTask task, CountingLog log, SandboxedProcess process, Instant deadline,
                                   Path stderr, Path bin) throws InterruptedException {
        CodexEvents events = new CodexEvents(task.log(), task.sandbox().workspace());
        LineSink lines = new LineSink(line -> {
            try {
                events.line(line);
            } catch (RuntimeException e) {
                // a transcript write failed; the line is lost, the attempt goes on
            }
        });
        Supervisor.Exit exit = Supervisor.supervise(process, lines, null, deadline.minus(STOP_MARGIN), task.sandbox());
        lines.end();
        boolean timedOut = exit.deadlineReached();
        if (timedOut) {
            task.log().event(TranscriptEvent.error("codex CLI stopped at the attempt deadline"));
        }
        if (exit.overLimit() != null) {
            task.log().event(TranscriptEvent.error("codex CLI stopped: " + exit.overLimit()));
        }
        Map<String, String> context = new LinkedHashMap<>();
        put(context, "codex_cli", CodexBinary.version(bin));
        put(context, "thread_id", events.threadId());
        context.put("turn", events.turn().name().toLowerCase(java.util.Locale.ROOT));
        if (events.usage() != null) {
            context.put("cli_usage", events.usage().toString());
        }
        if (events.junkLines() > 0) {
            context.put("unparsed_stdout_lines", String.valueOf(events.junkLines()));
        }
        if (exit.processesSeen() >= 0) {
            context.put("subprocesses", String.valueOf(exit.processesSeen()));
        }
        Integer code = exit.exitCode();
        String error = null;
        if (exit.overLimit() != null) {
            error = "stopped: " + exit.overLimit();
        } else if (timedOut) {
            error = "stopped at the deadline";
        } else if (events.turn() == CodexEvents.Turn.FAILED) {
            error = "codex CLI: turn failed: " + events.failure();
        } else if (events.turn() == CodexEvents.Turn.MISSING) {
            error = "codex CLI ended without completing its turn (exit " + code + ")" + CliOutcome.stderrTail(stderr);
        } else if (code != null && code != 0) {
            error = "codex CLI exited " + code + CliOutcome.stderrTail(stderr);
        }
        return new AgentOutcome(timedOut, log.turns(), code, error, false, context);
    }

    private static void put(Map<String, String> context, String key, String value) {
        if (value != null) {
            context.put(key, value);
        }
    }


    /** The attempt log, counting the model calls that answered: codex's turns as the row counts them. */
    private static final class CountingLog implements AttemptLog {
        private final AttemptLog log;
        private final AtomicInteger answered = new AtomicInteger();

        CountingLog(AttemptLog log) {
            this.log = log;
        }

        @Override
        public void event(TranscriptEvent event) {
            log.event(event);
        }

        @Override
        public void modelCall(ModelCall call) {
            if (call.ok()) {
                answered.incrementAndGet();
            }
            log.modelCall(call);
        }

        @Override
        public long elapsedMs() {
            return log.elapsedMs();
        }

        int turns() {
            return answered.get();
        }
    }
}
