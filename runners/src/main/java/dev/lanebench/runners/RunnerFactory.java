package dev.lanebench.runners;

import dev.lanebench.runners.claude.ClaudeRunner;
import dev.lanebench.runners.codex.CodexRunner;
import dev.lanebench.runners.flat.FlatRunner;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.noop.NoopRunner;
import dev.lanebench.runners.oracle.OracleRunner;
import dev.lanebench.runners.agent.Runner;
import java.util.List;

/** Builds the runner a lane names; the one place that knows every runner kind. */
public final class RunnerFactory {
    public static final List<String> KINDS = List.of("flat", "claude", "codex", "oracle", "noop");
    /** The kinds driven by a model: their lanes name one. */
    public static final List<String> MODEL_DRIVEN = List.of("flat", "claude", "codex");

    private RunnerFactory() {
    }

    public static Runner create(Lane lane) {
        return switch (lane.runner()) {
            case "oracle" -> new OracleRunner();
            case "noop" -> new NoopRunner();
            case "flat" -> new FlatRunner(lane);
            case "claude" -> new ClaudeRunner(lane);
            case "codex" -> new CodexRunner(lane);
            default -> throw new IllegalArgumentException("unknown runner '" + lane.runner() + "'");
        };
    }
}
