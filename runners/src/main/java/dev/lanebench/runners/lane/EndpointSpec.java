package dev.lanebench.runners.lane;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * An OpenAI-compatible endpoint from lanes.yaml {@code endpoints}.
 *
 * @param baseUrl           e.g. https://openrouter.ai/api/v1; requests go to baseUrl + /chat/completions
 * @param apiKeyEnv         the name of the environment variable that holds the key (never the key itself)
 * @param headers           extra request headers (values are literal; no secrets here)
 * @param body              extra top-level body fields merged into every request (e.g. provider routing)
 * @param maxConcurrency    the most requests (and attempts) this process sends to the endpoint at once; null: no limit
 * @param requestsPerMinute the most requests this process starts against the endpoint in any minute; null: no limit
 */
public record EndpointSpec(
        @JsonProperty(value = "base_url", required = true) String baseUrl,
        @JsonProperty("api_key_env") String apiKeyEnv,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("body") Map<String, Object> body,
        @JsonProperty("max_concurrency") Integer maxConcurrency,
        @JsonProperty("requests_per_minute") Integer requestsPerMinute) {

    @JsonCreator
    public EndpointSpec {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? Map.of() : Map.copyOf(body);
    }

    /** An endpoint without rate limits. */
    public EndpointSpec(String baseUrl, String apiKeyEnv, Map<String, String> headers, Map<String, Object> body) {
        this(baseUrl, apiKeyEnv, headers, body, null, null);
    }
}
