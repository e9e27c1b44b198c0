package dev.lanebench.runners.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Budgets;
import dev.lanebench.runners.agent.CollectingLog;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeRunnerReadinessTest {
    @TempDir
    Path tmp;

    private static Lane lane(String claudeBin) {
        EndpointSpec ep = new EndpointSpec("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", Map.of(), Map.of());
        ModelSpec m = new ModelSpec("openrouter", "z-ai/glm-5.2", null, null);
        return new Lane("glm-harness", new LaneSpec("claude", "glm", null, null, null, null, claudeBin), m, "glm", ep, m, ep);
    }

    /** A stand-in claude that only knows --version. */
    private Path fakeClaude(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path bin = dir.resolve("claude");
        Files.writeString(bin, "#!/bin/sh\necho '9.9.9 (Claude Code)'\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void aMissingKeyIsReportedByItsVariableName() throws IOException {
        Path bin = fakeClaude(tmp.resolve("bin"));
        assertThat(new ClaudeRunner(lane(bin.toString())).readiness(Map.of()).reason()).isEqualTo("OPENROUTER_API_KEY not set");
    }

    @Test
    void aMissingBinaryIsReportedWhereItWasLookedFor() {
        Map<String, String> env = Map.of("OPENROUTER_API_KEY", "k", "PATH", tmp.toString());
        assertThat(new ClaudeRunner(lane(null)).readiness(env).reason()).isEqualTo("claude not found on PATH");
        assertThat(new ClaudeRunner(lane("/nowhere/claude")).readiness(env).reason())
                .isEqualTo("claude not found at /nowhere/claude (lane claude_bin)");
        Map<String, String> viaEnv = Map.of("OPENROUTER_API_KEY", "k", "LANEBENCH_CLAUDE_BIN", "/nope/claude");
        assertThat(new ClaudeRunner(lane(null)).readiness(viaEnv).reason())
                .isEqualTo("claude not found at /nope/claude (LANEBENCH_CLAUDE_BIN)");
    }

    @Test
    void theBinaryIsFoundByLaneThenEnvThenPathAndItsVersionIsReported() throws IOException {
        Path onPath = fakeClaude(tmp.resolve("path"));
        Path viaEnv = fakeClaude(tmp.resolve("env"));
        Map<String, String> env = Map.of("OPENROUTER_API_KEY", "k", "PATH", "/nonexistent:" + onPath.getParent());
        assertThat(ClaudeBinary.find(null, env).path()).isEqualTo(onPath);
        Map<String, String> env2 = Map.of("OPENROUTER_API_KEY", "k", "PATH", onPath.getParent().toString(),
                "LANEBENCH_CLAUDE_BIN", viaEnv.toString());
        assertThat(ClaudeBinary.find(null, env2).path()).isEqualTo(viaEnv);
        assertThat(ClaudeBinary.find(onPath.toString(), env2).path()).isEqualTo(onPath);
        ClaudeRunner runner = new ClaudeRunner(lane(null));
        assertThat(runner.readiness(env).ready()).isTrue();
        assertThat(runner.toolVersions(env)).containsEntry("claude_cli", "9.9.9");
    }

    @Test
    void runningWithoutTheBinaryIsAnInfraFailureNotAModelScore() throws Exception {
        CollectingLog log = new CollectingLog();
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        AgentOutcome out;
        try (var sandbox = dev.lanebench.runners.sandbox.TestSandboxes.open(ws, tmp.resolve("sb"), java.util.List.of())) {
            AgentTask task = new AgentTask("t", ws, "do it", Optional.empty(),
                    Duration.ofSeconds(30), Budgets.NONE, Files.createDirectories(tmp.resolve("scratch")),
                    Map.of("OPENROUTER_API_KEY", "k", "PATH", tmp.toString()), log, sandbox);
            out = new ClaudeRunner(lane(null)).run(task);
        }
        assertThat(out.infraFailure()).isTrue();
        assertThat(out.error()).isEqualTo("claude not found on PATH");
        assertThat(log.calls).isEmpty();
    }

    @Test
    void theFactoryBuildsTheClaudeRunnerForClaudeLanes() {
        assertThat(RunnerFactory.create(lane(null))).isInstanceOf(ClaudeRunner.class);
        assertThat(RunnerFactory.create(lane(null)).modelDriven()).isTrue();
    }
}
