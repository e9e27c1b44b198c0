package dev.lanebench.runners.codex;

import dev.lanebench.runners.proxy.CodexConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codex CLI's command line and its whole environment for one attempt: {@code codex exec --json} reading
 * the instruction from standard input, with the attempt's proxy set inline as its model provider and the
 * proxy's local token as that provider's key. HOME is the sandbox's; CODEX_HOME is a folder under it, made by
 * the command itself (inside the sandbox, where the runner cannot write), because codex refuses a missing one.
 *
 * @param argv the command line
 * @param env  the complete environment of the process
 */
record CodexCommand(List<String> argv, Map<String, String> env) {
    /** codex's own retries of a failed request or broken stream, on top of the proxy's. */
    static final int CLI_RETRIES = 2;

    /**
     * @param bin        the native codex binary
     * @param modelId    the lane model's id, shown to the CLI as its model
     * @param baseUrl    the proxy's OpenAI base URL ({@code http://127.0.0.1:PORT/v1})
     * @param localToken the proxy's per-attempt token
     * @param agentEnv   the sandbox's agent environment (PATH, locale, HOME, TMPDIR as the agent sees them)
     */
    static CodexCommand build(Path bin, String modelId, String baseUrl, String localToken, Map<String, String> agentEnv) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "mkdir -p \"$CODEX_HOME\" && exec \"$0\" \"$@\"",
                bin.toString(), "exec",
                "--json",
                "--color", "never",
                "--skip-git-repo-check",
                // nothing of the session is kept on disk: each attempt starts from nothing
                "--ephemeral",
                // the harness's sandbox is the isolation; codex's own would need namespaces inside it
                "--dangerously-bypass-approvals-and-sandbox",
                "-m", modelId));
        argv.addAll(CodexConfig.inlineArgs(baseUrl, CLI_RETRIES));
        argv.addAll(List.of("-c", "analytics.enabled=false", "-c", "check_for_update_on_startup=false",
                // the instruction comes on standard input, so no text of it is ever read as an option
                "-"));
        Map<String, String> env = new LinkedHashMap<>(agentEnv);
        env.put("CODEX_HOME", agentEnv.getOrDefault("HOME", "/tmp") + "/.codex");
        env.put(CodexConfig.TOKEN_ENV, localToken);
        env.put("NO_COLOR", "1");
        return new CodexCommand(List.copyOf(argv), Map.copyOf(env));
    }
}
