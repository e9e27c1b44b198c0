package dev.lanebench.runners.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.sandbox.NoSandbox;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.SandboxMounts;
import dev.lanebench.runners.sandbox.SandboxSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCommandTest {
    private static final Map<String, String> HARNESS_ENV = Map.of(
            "PATH", "/usr/bin:/bin",
            "OPENROUTER_API_KEY", "sk-or-v1-secret",
            "GITHUB_TOKEN", "ghp_secret",
            "AWS_SECRET_ACCESS_KEY", "aws-secret",
            "ANTHROPIC_API_KEY", "sk-ant-secret",
            "INNOCENT_LOOKING", "canary-secret",
            "LANG", "C.UTF-8",
            "HOME", "/root");

    @TempDir
    Path tmp;

    private ClaudeCommand build() throws Exception {
        try (SandboxSession s = new NoSandbox().open(SandboxMounts.under(tmp.resolve("ws"), tmp.resolve("s"), tmp.resolve("c")),
                SandboxLimits.DEFAULTS)) {
            return ClaudeCommand.build(Path.of("/opt/claude"), "-fix the bug", "z-ai/glm-5.2", null,
                    "http://127.0.0.1:5555", "lanebench-local-abc", s.environment(HARNESS_ENV));
        }
    }

    @Test
    void theCommandLineIsTheHeadlessStreamJsonOneWithTheInstructionAsPrompt() throws Exception {
        List<String> argv = build().argv();
        assertThat(argv).startsWith("/opt/claude");
        assertThat(String.join(" ", argv)).contains("--output-format stream-json --verbose")
                .contains("--max-turns 30").contains("--model z-ai/glm-5.2").contains("--dangerously-skip-permissions");
        // "--" keeps an instruction starting with a dash a prompt
        assertThat(argv.subList(argv.size() - 3, argv.size())).containsExactly("-p", "--", "-fix the bug");
    }

    @Test
    void theEnvironmentIsTheSandboxsAllowlistWithNoSecretOfTheHarness() throws Exception {
        Map<String, String> env = build().env();
        assertThat(env.values()).noneMatch(v -> v.contains("secret"));
        assertThat(env).doesNotContainKeys("OPENROUTER_API_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "ANTHROPIC_API_KEY",
                "INNOCENT_LOOKING");
        assertThat(env).containsEntry("HOME", tmp.resolve("s/home").toString())
                .containsEntry("TMPDIR", tmp.resolve("s/tmp").toString())
                .containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:5555")
                .containsEntry("ANTHROPIC_AUTH_TOKEN", "lanebench-local-abc")
                .containsEntry("CLAUDE_CODE_MAX_RETRIES", "2")
                .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .containsEntry("DISABLE_TELEMETRY", "1").containsEntry("DISABLE_AUTOUPDATER", "1")
                .containsEntry("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS", "1")
                .containsEntry("CLAUDE_CODE_DISABLE_THINKING", "1").containsEntry("ENABLE_TOOL_SEARCH", "false")
                .containsEntry("CLAUDE_CODE_ATTRIBUTION_HEADER", "0")
                .containsEntry("PATH", "/usr/bin:/bin").containsEntry("LANG", "C.UTF-8")
                .containsEntry("IS_SANDBOX", "1");
    }

    @Test
    void theLanesMaxTurnsReachesTheCommandLine() {
        ClaudeCommand c = ClaudeCommand.build(Path.of("/c"), "x", "m", 5, "u", "t", Map.of("PATH", "/usr/bin"));
        assertThat(String.join(" ", c.argv())).contains("--max-turns 5");
    }
}
