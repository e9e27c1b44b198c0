package dev.lanebench.runners.claude;

import dev.lanebench.runners.process.ProcessTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI's command line and its whole environment for one attempt, built from scratch so that nothing of
 * the harness's environment (API keys above all) reaches the agent except a short list of harmless names.
 *
 * @param argv the command line
 * @param env  the complete environment of the process
 */
record ClaudeCommand(List<String> argv, Map<String, String> env) {
    static final int DEFAULT_MAX_TURNS = 30;
    static final String FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** Passed through from the harness when set: the agent's toolchain and locale, never a secret. */
    static final List<String> PASSED_THROUGH = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "JAVA_HOME");

    /**
     * @param bin         the claude binary
     * @param instruction the task's instruction, verbatim
     * @param modelId     the lane model's id, shown to the CLI as its model
     * @param maxTurns    the lane's max_turns (null: {@value #DEFAULT_MAX_TURNS})
     * @param baseUrl     the proxy's address
     * @param localToken  the proxy's per-attempt token
     * @param home        the attempt's HOME (the CLI writes its settings and session files there)
     * @param tmp         the attempt's TMPDIR
     * @param harnessEnv  the harness's environment; only {@link #PASSED_THROUGH} names are read from it
     * @param asRoot      whether the CLI will run as root (it then refuses to skip permissions unless sandboxed)
     * @param processMark marks the environment of the CLI and everything it starts (see {@link ProcessTree})
     */
    static ClaudeCommand build(Path bin, String instruction, String modelId, Integer maxTurns, String baseUrl,
                               String localToken, Path home, Path tmp, Map<String, String> harnessEnv, boolean asRoot,
                               String processMark) {
        List<String> argv = new ArrayList<>(List.of(
                bin.toString(),
                "--output-format", "stream-json",
                "--verbose",
                "--max-turns", String.valueOf(maxTurns == null ? DEFAULT_MAX_TURNS : maxTurns),
                "--model", modelId,
                "--dangerously-skip-permissions",
                // "--" so an instruction that starts with a dash is still the prompt, not an option.
                "-p", "--", instruction));

        Map<String, String> env = new LinkedHashMap<>();
        for (String name : PASSED_THROUGH) {
            String v = harnessEnv.get(name);
            if (v != null && !v.isEmpty()) {
                env.put(name, v);
            }
        }
        env.putIfAbsent("PATH", FALLBACK_PATH);
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
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
        env.put(ProcessTree.MARK_VARIABLE, processMark);
        if (asRoot) {
            env.put("IS_SANDBOX", "1");
        }
        return new ClaudeCommand(List.copyOf(argv), Map.copyOf(env));
    }

    static boolean runningAsRoot() {
        return ProcessHandle.current().info().user().map("root"::equals).orElse(false);
    }
}
