package dev.lanebench.runners.claude;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaudeCommandTest {
    private static final Map<String, String> HARNESS_ENV = Map.of(
            "PATH", "/opt/java/bin:/usr/bin:/bin",
            "OPENROUTER_API_KEY", "sk-or-v1-secret",
            "GITHUB_TOKEN", "ghp_secret",
            "AWS_SECRET_ACCESS_KEY", "aws-secret",
            "ANTHROPIC_API_KEY", "sk-ant-secret",
            "LANG", "C.UTF-8",
            "HOME", "/root");

    private ClaudeCommand build(boolean root) {
        return ClaudeCommand.build(Path.of("/opt/claude"), "-fix the bug", "z-ai/glm-5.2", null,
                "http://127.0.0.1:5555", "lanebench-local-abc", Path.of("/scratch/home"), Path.of("/scratch/tmp"),
                HARNESS_ENV, root, "mark-1");
    }

    @Test
    void theCommandLineIsTheHeadlessStreamJsonOneWithTheInstructionAsPrompt() {
        List<String> argv = build(false).argv();
        assertThat(argv).startsWith("/opt/claude");
        assertThat(String.join(" ", argv)).contains("--output-format stream-json --verbose")
                .contains("--max-turns 30").contains("--model z-ai/glm-5.2").contains("--dangerously-skip-permissions");
        // "--" keeps an instruction starting with a dash a prompt
        assertThat(argv.subList(argv.size() - 3, argv.size())).containsExactly("-p", "--", "-fix the bug");
    }

    @Test
    void theEnvironmentIsBuiltFromScratchWithNoSecretOfTheHarness() {
        Map<String, String> env = build(false).env();
        assertThat(env.values()).noneMatch(v -> v.contains("secret"));
        assertThat(env).doesNotContainKeys("OPENROUTER_API_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "ANTHROPIC_API_KEY");
        assertThat(env).containsEntry("HOME", "/scratch/home").containsEntry("TMPDIR", "/scratch/tmp")
                .containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:5555")
                .containsEntry("ANTHROPIC_AUTH_TOKEN", "lanebench-local-abc")
                .containsEntry("CLAUDE_CODE_MAX_RETRIES", "2")
                .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .containsEntry("DISABLE_TELEMETRY", "1").containsEntry("DISABLE_AUTOUPDATER", "1")
                .containsEntry("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS", "1")
                .containsEntry("CLAUDE_CODE_DISABLE_THINKING", "1").containsEntry("ENABLE_TOOL_SEARCH", "false")
                .containsEntry("CLAUDE_CODE_ATTRIBUTION_HEADER", "0")
                .containsEntry("PATH", "/opt/java/bin:/usr/bin:/bin").containsEntry("LANG", "C.UTF-8");
        assertThat(env).containsEntry("LANEBENCH_PROCESS_MARK", "mark-1");
        assertThat(env).doesNotContainKey("IS_SANDBOX");
        assertThat(build(true).env()).containsEntry("IS_SANDBOX", "1");
    }

    @Test
    void aMissingPathFallsBackToTheSystemDirectories() {
        ClaudeCommand c = ClaudeCommand.build(Path.of("/c"), "x", "m", 5, "u", "t", Path.of("/h"), Path.of("/t"), Map.of(), false, "m");
        assertThat(c.env()).containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin");
        assertThat(String.join(" ", c.argv())).contains("--max-turns 5");
    }
}
