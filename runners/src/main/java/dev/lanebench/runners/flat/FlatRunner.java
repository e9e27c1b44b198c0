package dev.lanebench.runners.flat;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.flat.tools.CommandEnvironment;
import dev.lanebench.runners.flat.tools.CommandRunner;
import dev.lanebench.runners.flat.tools.ToolBox;
import dev.lanebench.runners.flat.tools.WorkspacePaths;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import dev.lanebench.runners.upstream.UpstreamClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The flat lane: the model driven through a thin tool-calling loop ({@link FlatLoop}) over OpenAI-compatible
 * chat completions, with four workspace-confined tools.
 */
public final class FlatRunner implements Runner {
    static final int OUTPUT_HEAD = 16 * 1024;
    static final int OUTPUT_TAIL = 16 * 1024;

    private final Lane lane;
    private final RetryPolicy retry;
    private final Duration killGrace;

    public FlatRunner(Lane lane) {
        this(lane, RetryPolicy.DEFAULT, Duration.ofSeconds(2));
    }

    /**
     * @param retry     the upstream client's retry policy
     * @param killGrace SIGTERM-to-SIGKILL wait for a command that hits its time limit
     */
    public FlatRunner(Lane lane, RetryPolicy retry, Duration killGrace) {
        this.lane = lane;
        this.retry = retry;
        this.killGrace = killGrace;
    }

    @Override
    public Readiness readiness(Map<String, String> env) {
        if (lane.model() == null || lane.endpoint() == null) {
            return Readiness.notReady("lane '" + lane.name() + "' names no model");
        }
        Optional<String> missing = Upstream.main(lane).missingEnv(env);
        if (missing.isPresent()) {
            return Readiness.notReady(missing.get());
        }
        if (!bashOnPath(env.get("PATH"))) {
            return Readiness.notReady("bash not found on PATH (the run tool needs it)");
        }
        return Readiness.ok();
    }

    @Override
    public AgentOutcome run(AgentTask task) throws InterruptedException {
        Instant deadline = Instant.now().plus(task.deadline());
        FlatSettings settings = FlatSettings.of(lane);
        ToolBox tools;
        try {
            Path scratch = task.scratch() != null ? task.scratch() : Files.createTempDirectory("lanebench-flat");
            Map<String, String> commandEnv = CommandEnvironment.build(task.env(), scratch);
            CommandRunner commands = new CommandRunner(task.workspace(), commandEnv, OUTPUT_HEAD, OUTPUT_TAIL,
                    killGrace);
            tools = new ToolBox(new WorkspacePaths(task.workspace()), commands, settings.commandTimeout());
        } catch (IOException e) {
            return AgentOutcome.infra("flat runner could not prepare the workspace tools: " + e.getMessage());
        }
        UpstreamClient client = new UpstreamClient(Upstream.main(lane), task.env(), retry, task.log()::modelCall);
        return new FlatLoop(settings, client, tools, task.log(), deadline).run(task.instruction());
    }

    private static boolean bashOnPath(String path) {
        String p = path == null || path.isBlank() ? "/usr/bin:/bin" : path;
        for (String dir : p.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "bash"))) {
                return true;
            }
        }
        return false;
    }
}
