package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ModelPath;
import dev.lanebench.runners.lane.Lane;
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
 * An agent CLI lane's road to its model: one request in the CLI's own API (Anthropic Messages for claude,
 * OpenAI Responses for codex) to a built-in proxy started for the lane as for an attempt, so the front's
 * translation, the clamp of the output budget and the attempt's upstream client are all on the road.
 */
public final class ProxyRoad implements ModelPath {
    /** What the claude CLI asks for per request; the proxy clamps it to the lane's max_tokens and the model's limit. */
    static final int CLAUDE_MAX_TOKENS = 32_000;
    private static final MediaType JSON = MediaType.get("application/json");

    /** The client API the lane's CLI speaks. */
    public enum Front { MESSAGES, RESPONSES }

    private final Lane lane;
    private final RetryPolicy retry;
    private final Front front;

    public ProxyRoad(Lane lane, RetryPolicy retry, Front front) {
        this.lane = lane;
        this.retry = retry;
        this.front = front;
    }

    @Override
    public Answer ask(String prompt, Map<String, String> env, Instant deadline, AttemptLog log) {
        Integer budget = budget();
        ProxySettings settings = ProxySettings.forLane(lane, env).withRetry(retry).withDeadline(deadline);
        try (ProxyServer proxy = ProxyServer.start(settings, log)) {
            Request.Builder request = front == Front.MESSAGES
                    ? new Request.Builder().url(proxy.baseUrl() + "/v1/messages").header("x-api-key", proxy.token())
                            .header("anthropic-version", "2023-06-01")
                    : new Request.Builder().url(proxy.openAiBaseUrl() + "/responses")
                            .header("Authorization", "Bearer " + proxy.token());
            Call call = UpstreamHttp.shared().newCall(request.post(RequestBody.create(
                    WireJson.MAPPER.writeValueAsBytes(body(prompt)), JSON)).build());
            call.timeout().timeout(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            try (Response response = call.execute()) {
                String text = response.body() == null ? "" : response.body().string();
                JsonNode json = WireJson.MAPPER.readTree(text);
                if (!response.isSuccessful() || json == null || !json.isObject() || json.has("error") && !json.path("error").isNull()) {
                    String message = json == null ? text : json.path("error").path("message").asText(text);
                    return Answer.failed(budget, "proxy answered " + response.code() + ": " + message);
                }
                return front == Front.MESSAGES ? messages(json, budget) : responses(json, budget);
            }
        } catch (IOException e) {
            return Answer.failed(budget, "proxy: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private ObjectNode body(String prompt) {
        ObjectNode body = WireJson.MAPPER.createObjectNode().put("model", lane.model().id());
        if (front == Front.MESSAGES) {
            body.put("max_tokens", CLAUDE_MAX_TOKENS);
            body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        } else {
            // codex names no output limit: the proxy's lane cap applies, as in an attempt.
            body.put("input", prompt).put("stream", false);
        }
        return body;
    }

    private static Answer messages(JsonNode json, Integer budget) {
        StringBuilder visible = new StringBuilder();
        boolean thinking = false;
        for (JsonNode block : json.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> visible.append(block.path("text").asText());
                case "thinking" -> thinking |= !block.path("thinking").asText().isEmpty();
                default -> { }
            }
        }
        return new Answer(visible.toString(), thinking, "max_tokens".equals(json.path("stop_reason").asText()), budget, null);
    }

    private static Answer responses(JsonNode json, Integer budget) {
        StringBuilder visible = new StringBuilder();
        boolean reasoning = false;
        for (JsonNode item : json.path("output")) {
            switch (item.path("type").asText()) {
                case "message" -> item.path("content").forEach(c -> {
                    if ("output_text".equals(c.path("type").asText())) {
                        visible.append(c.path("text").asText());
                    }
                });
                case "reasoning" -> reasoning = true;
                default -> { }
            }
        }
        boolean cutOff = "incomplete".equals(json.path("status").asText())
                && "max_output_tokens".equals(json.path("incomplete_details").path("reason").asText());
        return new Answer(visible.toString(), reasoning, cutOff, budget, null);
    }

    /** The output budget the proxy lets through: the CLI's ask, clamped as in an attempt (null: the upstream's default). */
    private Integer budget() {
        Integer b = front == Front.MESSAGES ? CLAUDE_MAX_TOKENS : null;
        for (Integer cap : new Integer[] {lane.spec().maxTokens(), lane.model().maxOutputTokens()}) {
            if (cap != null) {
                b = b == null ? cap : Math.min(b, cap);
            }
        }
        return b;
    }
}
