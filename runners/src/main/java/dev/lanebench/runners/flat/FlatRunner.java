package dev.lanebench.runners.flat;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.flat.tools.CommandRunner;
import dev.lanebench.runners.flat.tools.ToolBox;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import dev.lanebench.runners.upstream.UpstreamClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public FlatRunner(Lane lane) {
        this(lane, RetryPolicy.DEFAULT);
    }

    /** @param retry the upstream client's retry policy */
    public FlatRunner(Lane lane, RetryPolicy retry) {
        this.lane = lane;
        this.retry = retry;
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
        CommandRunner commands = new CommandRunner(task.sandbox(), task.sandbox().environment(task.env()),
                OUTPUT_HEAD, OUTPUT_TAIL);
        ToolBox tools = new ToolBox(commands, settings.commandTimeout());
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
