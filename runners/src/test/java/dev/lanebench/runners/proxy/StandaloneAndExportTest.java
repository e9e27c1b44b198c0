package dev.lanebench.runners.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.lane.Price;
import dev.lanebench.runners.upstream.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class StandaloneAndExportTest {
    static final String KEY = "sk-or-v1-standalone-secret-99";

    private static Lane lane(String baseUrl, String smallKey, ModelSpec small) {
        EndpointSpec ep = new EndpointSpec(baseUrl, "OPENROUTER_API_KEY", Map.of("X-Title", "lanebench"), Map.of());
        ModelSpec main = new ModelSpec("openrouter", "z-ai/glm-5.2", new Price(1.4, 4.4, 0.26), 131072);
        return new Lane("glm-5.2-harness", new LaneSpec("claude", "glm-5.2", smallKey, null, null, null, null),
                main, "glm-5.2", ep, small, small == null ? null : ep);
    }

    @Test
    void theStandaloneProxyPrintsTheEnvLinesForBothClisAndServesBothApis() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream calls = new ByteArrayOutputStream();
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> ScriptedUpstream.Answer.text("hi"));
             StandaloneProxy p = StandaloneProxy.start(lane(upstream.baseUrl(), null, null),
                     Map.of("OPENROUTER_API_KEY", KEY), 0, new PrintStream(out, true, StandardCharsets.UTF_8),
                     new PrintStream(calls, true, StandardCharsets.UTF_8))) {
            List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
            List<String> env = printed.stream().filter(l -> !l.startsWith("#")).toList();
            assertThat(env).hasSize(3);
            assertThat(env.get(0)).isEqualTo("ANTHROPIC_BASE_URL=http://127.0.0.1:" + p.port());
            assertThat(env.get(1)).startsWith("ANTHROPIC_AUTH_TOKEN=lanebench-local-");
            String token = env.get(1).substring("ANTHROPIC_AUTH_TOKEN=".length());
            assertThat(env.get(2)).isEqualTo("LANEBENCH_PROXY_TOKEN=" + token);
            assertThat(printed).anyMatch(l -> l.startsWith("# claude") && l.contains("--model z-ai/glm-5.2"));
            assertThat(printed).anyMatch(l -> l.startsWith("# codex") && l.contains("-m z-ai/glm-5.2")
                    && l.contains("base_url=\"http://127.0.0.1:" + p.port() + "/v1\"")
                    && l.contains("env_key=\"LANEBENCH_PROXY_TOKEN\"") && l.contains("wire_api=\"responses\""));
            String messages = "{\"model\":\"glm-5.2\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            Request req = new Request.Builder().url("http://127.0.0.1:" + p.port() + "/v1/messages")
                    .header("x-api-key", token).post(RequestBody.create(messages, MediaType.get("application/json"))).build();
            try (Response r = new OkHttpClient().newCall(req).execute()) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(WireJson.MAPPER.readTree(r.body().string()).path("content").path(0).path("text").asText()).isEqualTo("hi");
            }
            String responses = "{\"model\":\"glm-5.2\",\"input\":\"hi\"}";
            Request rreq = new Request.Builder().url("http://127.0.0.1:" + p.port() + "/v1/responses")
                    .header("Authorization", "Bearer " + token).post(RequestBody.create(responses, MediaType.get("application/json"))).build();
            try (Response r = new OkHttpClient().newCall(rreq).execute()) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(WireJson.MAPPER.readTree(r.body().string()).path("output").path(0).path("content").path(0)
                        .path("text").asText()).isEqualTo("hi");
            }
        }
        String log = calls.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("main z-ai/glm-5.2 -> z-ai/glm-5.2").contains("HTTP 200 ok");
        assertThat(log.lines().filter(l -> l.contains("HTTP 200 ok"))).hasSize(2);
        assertThat(log + out).doesNotContain(KEY);
    }

    @Test
    void theStandaloneProxyRefusesToStartWithoutTheKey() {
        assertThatThrownBy(() -> StandaloneProxy.start(lane("https://openrouter.ai/api/v1", null, null), Map.of(), 0,
                System.out, System.err)).isInstanceOf(IllegalStateException.class).hasMessage("OPENROUTER_API_KEY not set");
    }

    @Test
    void theLitellmExportIsTheSeedRecipeForTheLane() {
        String yaml = LitellmExport.yaml(lane("https://openrouter.ai/api/v1", null, null), Map.of());
        assertThat(yaml).contains("model_list:\n  - model_name: \"glm-5.2\"\n    litellm_params:\n"
                + "      model: \"openrouter/z-ai/glm-5.2\"\n      api_base: \"https://openrouter.ai/api/v1\"\n"
                + "      api_key: \"os.environ/OPENROUTER_API_KEY\"\n");
        assertThat(yaml).contains("litellm_settings:\n  drop_params: true").contains("general_settings:\n  master_key: \"sk-local-");
        assertThat(yaml).contains("extra_headers:\n        \"X-Title\": \"lanebench\"");
        assertThat(yaml).contains("ANTHROPIC_DEFAULT_HAIKU_MODEL=glm-5.2");
        assertThat(yaml).doesNotContain(KEY);
    }

    @Test
    void aNonOpenRouterEndpointIsAnOpenAiModelAndASeparateSmallModelGetsItsOwnEntry() {
        ModelSpec small = new ModelSpec("openrouter", "z-ai/glm-5.2-air", null, null);
        String yaml = LitellmExport.yaml(lane("https://api.z.ai/api/paas/v4/", "glm-air", small), Map.of());
        assertThat(yaml).contains("model: \"openai/z-ai/glm-5.2\"").contains("api_base: \"https://api.z.ai/api/paas/v4\"");
        assertThat(yaml).contains("- model_name: \"glm-air\"").contains("model: \"openai/z-ai/glm-5.2-air\"");
        assertThat(yaml).contains("ANTHROPIC_DEFAULT_HAIKU_MODEL=glm-air");
    }

    private static Lane codexLane() {
        EndpointSpec ep = new EndpointSpec("https://api.z.ai/api/coding/paas/v4", "ZAI_API_KEY", Map.of(), Map.of());
        ModelSpec m = new ModelSpec("zai", "glm-5.2", new Price(1.4, 4.4, 0.26), 131072);
        return new Lane("glm-5.2-codex", new LaneSpec("codex", "glm-5.2-zai", null, null, null, null, null), m,
                "glm-5.2-zai", ep, m, ep);
    }

    @Test
    void theCodexExportIsAProviderWithAResponsesWireAndAProfileForTheLane() {
        CodexConfig.Files f = CodexConfig.files(codexLane(), "http://127.0.0.1:4141/v1");
        assertThat(f.profile()).isEqualTo("glm-5_2-codex");
        assertThat(f.configToml()).contains("[model_providers.lanebench]\n").contains("base_url = \"http://127.0.0.1:4141/v1\"\n")
                .contains("env_key = \"LANEBENCH_PROXY_TOKEN\"\n").contains("wire_api = \"responses\"\n")
                .contains("codex --profile glm-5_2-codex");
        assertThat(f.configToml()).doesNotContain("[profiles.").doesNotContain("model_providers.openai");
        assertThat(f.profileToml()).contains("model = \"glm-5.2\"\n").contains("model_provider = \"lanebench\"\n");
        assertThat(f.configToml() + f.profileToml()).doesNotContain("ZAI_API_KEY");
    }

    @Test
    void theLitellmExportOfACodexLaneServesTheResponsesApiFromChatCompletions() {
        String yaml = LitellmExport.yaml(codexLane(), Map.of());
        assertThat(yaml).contains("      model: \"openai/glm-5.2\"\n      api_base: \"https://api.z.ai/api/coding/paas/v4\"\n"
                + "      api_key: \"os.environ/ZAI_API_KEY\"\n      use_chat_completions_api: true");
        assertThat(yaml).contains("codex -m glm-5.2-zai -c model_provider=lanebench-litellm")
                .contains("wire_api=\"responses\"").contains("env_key=\"LITELLM_API_KEY\"");
        assertThat(yaml).doesNotContain("ANTHROPIC_");
        assertThat(LitellmExport.yaml(lane("https://openrouter.ai/api/v1", null, null), Map.of()))
                .doesNotContain("use_chat_completions_api");
    }
}
