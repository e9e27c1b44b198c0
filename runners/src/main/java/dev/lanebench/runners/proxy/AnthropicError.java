package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;
import dev.lanebench.runners.upstream.UpstreamException;
import java.time.Duration;
import java.util.Locale;

/**
 * An error as the claude CLI understands it: an HTTP status and {@code {"type":"error","error":{type,message}}}.
 * The status decides what the CLI does next (retry, give up, compact the conversation), so each upstream
 * failure is mapped to the status that makes the CLI do the right thing.
 *
 * @param status     HTTP status to answer with
 * @param type       Anthropic error type
 * @param message    human-readable text, never holding the upstream key
 * @param retryAfter the upstream's Retry-After header, passed on for 429/5xx (null when absent)
 */
public record AnthropicError(int status, String type, String message, String retryAfter) {

    public static AnthropicError invalidRequest(String message) {
        return new AnthropicError(400, "invalid_request_error", message, null);
    }

    public static AnthropicError authentication(String message) {
        return new AnthropicError(401, "authentication_error", message, null);
    }

    public static AnthropicError notFound(String message) {
        return new AnthropicError(404, "not_found_error", message, null);
    }

    /** The upstream could not be reached at all (refused, reset, timed out): retryable, like a 5xx. */
    public static AnthropicError unreachable(String message) {
        return new AnthropicError(502, "api_error", "upstream unreachable: " + message, null);
    }

    /**
     * Maps the upstream client's final failure (after its retries). Failures without an HTTP answer are
     * retryable server errors to the CLI; its message is already free of the key.
     */
    public static AnthropicError from(UpstreamException e) {
        String msg = e.upstreamMessage() == null ? "" : e.upstreamMessage();
        return switch (e.kind()) {
            case HTTP -> fromUpstream(e.status(), msg, e.retryAfter().map(AnthropicError::seconds).orElse(null), null);
            case NETWORK -> unreachable(msg);
            case TIMEOUT, DEADLINE -> new AnthropicError(504, "api_error", "upstream timed out: " + msg, null);
            case BAD_RESPONSE -> new AnthropicError(502, "api_error", "upstream answered badly: " + msg, null);
            case CANCELLED -> new AnthropicError(500, "api_error", "request cancelled: " + msg, null);
            case CONFIG -> new AnthropicError(500, "api_error", "proxy cannot call upstream: " + msg, null);
        };
    }

    private static String seconds(Duration d) {
        return String.valueOf((d.toMillis() + 999) / 1000);
    }

    /**
     * Maps an upstream HTTP failure. Upstream 4xx that mean "this request is wrong" stay 400 (a prompt over
     * the context window is worded so the CLI compacts); everything that is the upstream's or the account's
     * trouble becomes a retryable or terminal non-400 status, because the CLI re-sends a 400 up to six times.
     *
     * @param status       the upstream status
     * @param upstreamBody the upstream's error body or message (any shape), may be null
     * @param retryAfter   the upstream's Retry-After header, may be null
     * @param secret       the upstream key, scrubbed from the message should the upstream echo it
     */
    public static AnthropicError fromUpstream(int status, String upstreamBody, String retryAfter, String secret) {
        String detail = scrub(upstreamMessage(upstreamBody), secret);
        String msg = "upstream " + status + (detail.isEmpty() ? "" : ": " + detail);
        return switch (status) {
            case 400, 413, 422 -> status == 413 || contextOverflow(detail)
                    ? new AnthropicError(400, "invalid_request_error", "prompt is too long: " + msg, null)
                    : new AnthropicError(400, "invalid_request_error", msg, null);
            case 401 -> new AnthropicError(401, "authentication_error", msg, null);
            case 403 -> new AnthropicError(403, "permission_error", msg, null);
            case 404 -> new AnthropicError(404, "not_found_error", msg, null);
            case 429 -> new AnthropicError(429, "rate_limit_error", msg, retryAfter);
            case 503, 529 -> new AnthropicError(529, "overloaded_error", msg, retryAfter);
            default -> status >= 500
                    ? new AnthropicError(status, "api_error", msg, retryAfter)
                    // 402 (no credits), 408 and other odd statuses: the upstream's trouble, not the request's.
                    : new AnthropicError(500, "api_error", msg, retryAfter);
        };
    }

    public ObjectNode body() {
        ObjectNode b = WireJson.MAPPER.createObjectNode();
        b.put("type", "error");
        b.putObject("error").put("type", type).put("message", message);
        return b;
    }

    private static boolean contextOverflow(String detail) {
        String d = detail.toLowerCase(Locale.ROOT);
        return d.contains("context length") || d.contains("context_length") || d.contains("maximum context")
                || d.contains("context window") || d.contains("too many tokens") || d.contains("prompt is too long");
    }

    /** The message of an OpenAI-style error body, else the body itself, shortened. */
    static String upstreamMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        try {
            JsonNode n = WireJson.MAPPER.readTree(text);
            JsonNode m = n.path("error").path("message");
            if (m.isTextual()) {
                text = m.asText();
            } else if (n.path("message").isTextual()) {
                text = n.path("message").asText();
            } else if (n.path("error").isTextual()) {
                text = n.path("error").asText();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: keep the raw text
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    static String scrub(String text, String secret) {
        if (secret == null || secret.isEmpty() || text == null) {
            return text == null ? "" : text;
        }
        return text.replace(secret, "***");
    }
}
