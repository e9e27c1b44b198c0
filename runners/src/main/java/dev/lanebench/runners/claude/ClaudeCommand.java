package dev.lanebench.runners.claude;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI's command line and its whole environment for one attempt: the sandbox's agent environment (which
 * holds nothing of the harness's but a short list of harmless names) plus what points the CLI at the
 * attempt's proxy.
 *
 * @param argv the command line
 * @param env  the complete environment of the process
 */
record ClaudeCommand(List<String> argv, Map<String, String> env) {
    static final int DEFAULT_MAX_TURNS = 30;

    /**
     * @param bin         the claude binary
     * @param instruction the task's instruction, verbatim
     * @param modelId     the lane model's id, shown to the CLI as its model
     * @param maxTurns    the lane's max_turns (null: {@value #DEFAULT_MAX_TURNS})
     * @param baseUrl     the proxy's address
     * @param localToken  the proxy's per-attempt token
     * @param agentEnv    the sandbox's agent environment (PATH, locale, HOME, TMPDIR as the agent sees them)
     */
    static ClaudeCommand build(Path bin, String instruction, String modelId, Integer maxTurns, String baseUrl,
                               String localToken, Map<String, String> agentEnv) {
        List<String> argv = new ArrayList<>(List.of(
                bin.toString(),
                "--output-format", "stream-json",
                "--verbose",
                "--max-turns", String.valueOf(maxTurns == null ? DEFAULT_MAX_TURNS : maxTurns),
                "--model", modelId,
                "--dangerously-skip-permissions",
                // "--" so an instruction that starts with a dash is still the prompt, not an option.
                "-p", "--", instruction));

        Map<String, String> env = new LinkedHashMap<>(agentEnv);
        env.put("ANTHROPIC_BASE_URL", baseUrl);
        env.put("ANTHROPIC_AUTH_TOKEN", localToken);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        // Without a low retry count a failing upstream is retried ~10 times with backoff up to 40 s.
        env.put("CLAUDE_CODE_MAX_RETRIES", "2");
        // These keep the request body to what an OpenAI upstream can be given (reference: cli-protocols.md).
        env.put("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS", "1");
        env.put("CLAUDE_CODE_DISABLE_THINKING", "1");
        env.put("ENABLE_TOOL_SEARCH", "false");
        env.put("CLAUDE_CODE_ATTRIBUTION_HEADER", "0");
        // It runs in a sandbox; as root (the none backend) the CLI refuses to skip permissions without this.
        env.put("IS_SANDBOX", "1");
        return new ClaudeCommand(List.copyOf(argv), Map.copyOf(env));
    }
}
