package dev.lanebench.runners.proxy;

import dev.lanebench.runners.lane.Lane;
import java.util.List;

/**
 * How a codex CLI is pointed at the built-in proxy's Responses front: a custom model provider with
 * {@code wire_api = "responses"} whose key is read from {@value #TOKEN_ENV} (the proxy's local token, never a
 * provider key). The provider id is not one of codex's built-in ids ({@code openai}, {@code ollama},
 * {@code lmstudio}), which codex would not let a config redefine. Given inline ({@code -c}) by the codex
 * runner and {@code lanebench proxy}, or as config files by {@code lanebench export codex}.
 */
public final class CodexConfig {
    public static final String PROVIDER_ID = "lanebench";
    public static final String TOKEN_ENV = "LANEBENCH_PROXY_TOKEN";

    private CodexConfig() {
    }

    /**
     * The {@code -c} options selecting the provider, e.g. for {@code codex exec}.
     *
     * @param baseUrl the proxy's OpenAI base URL ({@code http://127.0.0.1:PORT/v1})
     * @param retries how often codex retries a failed request and a broken stream (the proxy retries too)
     */
    public static List<String> inlineArgs(String baseUrl, int retries) {
        return List.of("-c", "model_provider=" + PROVIDER_ID,
                "-c", "model_providers." + PROVIDER_ID + "={name=" + quote("lanebench proxy") + ",base_url=" + quote(baseUrl)
                        + ",env_key=" + quote(TOKEN_ENV) + ",wire_api=\"responses\",request_max_retries=" + retries
                        + ",stream_max_retries=" + retries + "}");
    }

    /**
     * The profile name for a lane: codex takes only plain names ({@code --profile glm-5_2-codex}), so every
     * character other than a letter, digit, '-' or '_' becomes '_'.
     */
    public static String profileName(String lane) {
        return lane.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /**
     * The two files of {@code lanebench export codex}: {@code config.toml} defining the provider, and
     * {@code <profile>.config.toml} selecting the lane's model through it, for {@code codex --profile <profile>}.
     * (Codex 0.169 refuses the older {@code [profiles.<name>]} tables inside config.toml.)
     *
     * @param configToml  the provider definition
     * @param profile     the profile name
     * @param profileToml the profile's file
     */
    public record Files(String configToml, String profile, String profileToml) {
    }

    public static Files files(Lane lane, String baseUrl) {
        if (lane.model() == null) {
            throw new IllegalArgumentException("lane " + lane.name() + " has no model to export");
        }
        String profile = profileName(lane.name());
        String config = "# codex config for lane " + lane.name() + ", written by lanebench export codex.\n"
                + "# Put this file and " + profile + ".config.toml in $CODEX_HOME (default ~/.codex), start\n"
                + "#   lanebench proxy --lane " + lane.name() + "\n"
                + "# and run, with the token it prints:\n"
                + "#   " + TOKEN_ENV + "=lanebench-local-... codex --profile " + profile + "\n"
                + "# The provider id is not a built-in one (openai, ollama, lmstudio); its key is the proxy's local\n"
                + "# token, read from " + TOKEN_ENV + ". For litellm instead, point base_url at litellm and env_key\n"
                + "# at its master key (lanebench export litellm --lane " + lane.name() + ").\n"
                + "[model_providers." + PROVIDER_ID + "]\n"
                + "name = " + quote("lanebench proxy") + "\n"
                + "base_url = " + quote(baseUrl) + "\n"
                + "env_key = " + quote(TOKEN_ENV) + "\n"
                + "env_key_instructions = " + quote("Set it to the token `lanebench proxy --lane " + lane.name() + "` prints") + "\n"
                + "wire_api = \"responses\"\n"
                + "request_max_retries = 4\n"
                + "stream_max_retries = 5\n"
                + "stream_idle_timeout_ms = 300000\n";
        String profileToml = "# codex profile for lane " + lane.name() + ": codex --profile " + profile + "\n"
                + "model = " + quote(lane.model().id()) + "\n"
                + "model_provider = " + quote(PROVIDER_ID) + "\n";
        return new Files(config, profile, profileToml);
    }

    /** A TOML basic string (JSON string syntax is valid TOML for every character a config holds). */
    static String quote(String s) {
        return LitellmExport.quote(s);
    }
}
