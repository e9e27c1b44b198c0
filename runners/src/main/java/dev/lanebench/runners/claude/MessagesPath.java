package dev.lanebench.runners.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ModelPath;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.proxy.MessagesProxy;
import dev.lanebench.runners.proxy.ProxySettings;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.UpstreamHttp;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The claude lane's road to its model: an Anthropic Messages request, as the CLI sends one, to a built-in proxy
 * started for the lane exactly as an attempt starts it, so the translation, the clamp of max_tokens and the
 * upstream client of an attempt are all on the road.
 */
final class MessagesPath implements ModelPath {
    /** What the CLI asks for per request; the proxy clamps it to the lane's max_tokens and the model's limit. */
    static final int CLI_MAX_TOKENS = 32_000;
    private static final MediaType JSON = MediaType.get("application/json");

    private final Lane lane;
    private final RetryPolicy retry;

    MessagesPath(Lane lane, RetryPolicy retry) {
        this.lane = lane;
        this.retry = retry;
    }

    @Override
    public Answer ask(String prompt, Map<String, String> env, Instant deadline, AttemptLog log) {
        int budget = budget();
        ProxySettings settings = ProxySettings.forLane(lane, env).withRetry(retry).withDeadline(deadline);
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        body.put("model", lane.model().id()).put("max_tokens", CLI_MAX_TOKENS);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        try (MessagesProxy proxy = MessagesProxy.start(settings, log)) {
            Request request = new Request.Builder().url(proxy.baseUrl() + "/v1/messages")
                    .header("x-api-key", proxy.token()).header("anthropic-version", "2023-06-01")
                    .post(RequestBody.create(WireJson.MAPPER.writeValueAsBytes(body), JSON)).build();
            Call call = UpstreamHttp.shared().newCall(request);
            call.timeout().timeout(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            try (Response response = call.execute()) {
                String text = response.body() == null ? "" : response.body().string();
                JsonNode json = WireJson.MAPPER.readTree(text);
                if (!response.isSuccessful() || json == null || !json.path("content").isArray()) {
                    String message = json == null ? text : json.path("error").path("message").asText(text);
                    return Answer.failed(budget, "proxy answered " + response.code() + ": " + message);
                }
                StringBuilder visible = new StringBuilder();
                boolean thinking = false;
                for (JsonNode block : json.path("content")) {
                    switch (block.path("type").asText()) {
                        case "text" -> visible.append(block.path("text").asText());
                        case "thinking" -> thinking |= !block.path("thinking").asText().isEmpty();
                        default -> { }
                    }
                }
                return new Answer(visible.toString(), thinking, "max_tokens".equals(json.path("stop_reason").asText()),
                        budget, null);
            }
        } catch (IOException e) {
            return Answer.failed(budget, "proxy: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The output budget the proxy lets through: the CLI's ask, clamped as in an attempt. */
    private int budget() {
        int b = CLI_MAX_TOKENS;
        if (lane.spec().maxTokens() != null) {
            b = Math.min(b, lane.spec().maxTokens());
        }
        if (lane.model().maxOutputTokens() != null) {
            b = Math.min(b, lane.model().maxOutputTokens());
        }
        return b;
    }
}
