package dev.lanebench.runners.proxy;

import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.upstream.Upstream;
import dev.lanebench.runners.upstream.WireJson;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the litellm proxy config equivalent to the built-in proxy for one lane ({@code lanebench export
 * litellm --lane L}), in the shape of the seed recipes: the lane's model (and small model) under their
 * lanes.yaml names, the key read by litellm from the environment, {@code drop_params: true}, and a local
 * master key for the CLI. For a codex lane each model also gets {@code use_chat_completions_api: true}, the
 * route by which litellm serves the Responses API from a chat-completions model, and the comment shows the
 * codex provider that points at it. No secret is ever written: keys appear only as {@code os.environ/<NAME>}.
 */
public final class LitellmExport {
    private static final SecureRandom RANDOM = new SecureRandom();

    private LitellmExport() {
    }

    /** The codex provider id the litellm export's comment uses: not one of codex's built-in ids. */
    static final String CODEX_PROVIDER = "lanebench-litellm";

    /**
     * @param lane a lane with a model (claude and codex lanes are what this is for, but any model lane works)
     * @param env  fills {@code ${NAME}} references in base_url (an account id, never a key)
     */
    public static String yaml(Lane lane, Map<String, String> env) {
        if (lane.model() == null) {
            throw new IllegalArgumentException("lane " + lane.name() + " has no model to export");
        }
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        String masterKey = "sk-local-" + HexFormat.of().formatHex(b);
        String mainName = lane.modelName() == null ? lane.model().id() : lane.modelName();
        String smallName = lane.spec().smallModel();
        boolean separateSmall = lane.smallModel() != null && smallName != null && !smallName.equals(mainName);

        boolean codex = "codex".equals(lane.runner());
        StringBuilder y = new StringBuilder();
        y.append("# litellm config for lane ").append(lane.name()).append(", written by lanebench export litellm\n");
        if (codex) {
            separateSmall = false;
            y.append("# Responses API front for the codex CLI (use_chat_completions_api), OpenAI-compatible back end.\n");
            y.append("#   litellm --config THIS_FILE --port 4000\n");
            y.append("#   LITELLM_API_KEY=").append(masterKey).append(" codex -m ").append(mainName)
                    .append(" -c model_provider=").append(CODEX_PROVIDER).append(" \\\n#     -c 'model_providers.")
                    .append(CODEX_PROVIDER).append("={name=\"litellm\",base_url=\"http://127.0.0.1:4000/v1\",")
                    .append("env_key=\"LITELLM_API_KEY\",wire_api=\"responses\"}'\n");
            y.append("# (or: lanebench export codex --lane ").append(lane.name())
                    .append(" and point its base_url and env_key at litellm)\n");
        } else {
            y.append("# Anthropic-shaped front for the claude CLI, OpenAI-compatible back end.\n");
            y.append("#   litellm --config THIS_FILE --port 4141\n");
            y.append("#   ANTHROPIC_BASE_URL=http://127.0.0.1:4141 ANTHROPIC_AUTH_TOKEN=").append(masterKey);
            if (separateSmall) {
                y.append(" ANTHROPIC_DEFAULT_HAIKU_MODEL=").append(smallName);
            }
            y.append(" \\\n#     claude -p \"your task\" --output-format stream-json --verbose --model ").append(mainName).append('\n');
            if (!separateSmall) {
                y.append("# The CLI's small background requests name a haiku model; set ANTHROPIC_DEFAULT_HAIKU_MODEL=")
                        .append(mainName).append(" so they reach this model too.\n");
            }
        }
        y.append("model_list:\n");
        entry(y, mainName, Upstream.main(lane), env, codex);
        if (separateSmall) {
            entry(y, smallName, Upstream.small(lane), env, codex);
        }
        y.append("litellm_settings:\n");
        y.append("  drop_params: true          # tolerate Anthropic params the upstream does not take\n");
        y.append("general_settings:\n");
        y.append("  master_key: ").append(quote(masterKey)).append("   # a LOCAL bearer for the CLI, not a provider key\n");
        return y.toString();
    }

    private static void entry(StringBuilder y, String name, Upstream upstream, Map<String, String> env,
                              boolean responsesApi) {
        ModelSpec m = upstream.model();
        EndpointSpec ep = upstream.endpoint();
        String url = upstream.chatCompletionsUrl(env);
        String apiBase = url.substring(0, url.length() - "/chat/completions".length());
        boolean openRouter = apiBase.toLowerCase(Locale.ROOT).contains("openrouter.ai");
        y.append("  - model_name: ").append(quote(name)).append('\n');
        y.append("    litellm_params:\n");
        y.append("      model: ").append(quote((openRouter ? "openrouter/" : "openai/") + m.id())).append('\n');
        y.append("      api_base: ").append(quote(apiBase)).append('\n');
        if (ep.apiKeyEnv() != null && !ep.apiKeyEnv().isBlank()) {
            y.append("      api_key: ").append(quote("os.environ/" + ep.apiKeyEnv())).append('\n');
        } else {
            // litellm's OpenAI client insists on some key; a keyless local server ignores it.
            y.append("      api_key: \"none\"\n");
        }
        if (responsesApi) {
            y.append("      use_chat_completions_api: true   # serve codex's Responses API from chat completions\n");
        }
        if (m.maxOutputTokens() != null) {
            y.append("      # lanes.yaml max_output_tokens ").append(m.maxOutputTokens())
                    .append(": the built-in proxy clamps max_tokens to it, litellm does not\n");
        }
        if (!ep.headers().isEmpty()) {
            y.append("      extra_headers:\n");
            ep.headers().forEach((k, v) -> y.append("        ").append(quote(k)).append(": ").append(quote(v)).append('\n'));
        }
        if (!ep.body().isEmpty()) {
            y.append("      extra_body: ").append(json(ep.body())).append('\n');
        }
    }

    /** A double-quoted YAML scalar (JSON string syntax is valid YAML). */
    static String quote(String s) {
        return WireJson.MAPPER.getNodeFactory().textNode(s).toString();
    }

    private static String json(Object o) {
        return WireJson.MAPPER.valueToTree(o).toString();
    }
}
