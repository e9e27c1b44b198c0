package dev.lanebench.runners.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.upstream.UpstreamException;
import dev.lanebench.runners.upstream.WireJson;
import java.time.Duration;
import java.util.Locale;

/**
 * A failure as the proxy answers it, before either client API's wording: an HTTP status and a kind. The status
 * decides what a CLI does next (retry, give up, compact the conversation), so each upstream failure is mapped
 * to the status that makes both CLIs do the right thing; each front renders the kind in its own error shape.
 *
 * @param status     HTTP status to answer with
 * @param kind       what went wrong, for the front's error type and code
 * @param message    human-readable text, never holding the upstream key
 * @param retryAfter the upstream's Retry-After in seconds, passed on for 429/5xx (null when absent)
 */
public record ProxyError(int status, Kind kind, String message, String retryAfter) {

    /** What went wrong, in terms both client APIs have a word for. */
    public enum Kind {
        INVALID_REQUEST, CONTEXT_TOO_LONG, AUTHENTICATION, PERMISSION, NOT_FOUND, TOO_LARGE, RATE_LIMIT,
        OVERLOADED, API_ERROR;

        /** Whether a client should try the same request again later. */
        public boolean retryable() {
            return this == RATE_LIMIT || this == OVERLOADED || this == API_ERROR;
        }
    }

    public static ProxyError invalidRequest(String message) {
        return new ProxyError(400, Kind.INVALID_REQUEST, message, null);
    }

    public static ProxyError authentication(String message) {
        return new ProxyError(401, Kind.AUTHENTICATION, message, null);
    }

    public static ProxyError notFound(String message) {
        return new ProxyError(404, Kind.NOT_FOUND, message, null);
    }

    public static ProxyError tooLarge(long capBytes) {
        return new ProxyError(413, Kind.TOO_LARGE, "request body is larger than the proxy's limit of " + capBytes
                + " bytes", null);
    }

    /** The proxy itself failed (a bug): retryable, so a CLI tries again rather than giving up on a 400. */
    public static ProxyError internal(String message) {
        return new ProxyError(500, Kind.API_ERROR, "proxy failure: " + message, null);
    }

    /** The upstream could not be reached at all (refused, reset, timed out): retryable, like a 5xx. */
    public static ProxyError unreachable(String message) {
        return new ProxyError(502, Kind.API_ERROR, "upstream unreachable: " + message, null);
    }

    /**
     * Maps the upstream client's final failure (after its retries). Failures without an HTTP answer are
     * retryable server errors to the CLI; its message is already free of the key.
     */
    public static ProxyError from(UpstreamException e) {
        String msg = e.upstreamMessage() == null ? "" : e.upstreamMessage();
        return switch (e.kind()) {
            case HTTP -> fromUpstream(e.status(), msg, e.retryAfter().map(ProxyError::seconds).orElse(null), null);
            case NETWORK -> unreachable(msg);
            case TIMEOUT, DEADLINE -> new ProxyError(504, Kind.API_ERROR, "upstream timed out: " + msg, null);
            case BAD_RESPONSE -> new ProxyError(502, Kind.API_ERROR, "upstream answered badly: " + msg, null);
            case CANCELLED -> new ProxyError(500, Kind.API_ERROR, "request cancelled: " + msg, null);
            case CONFIG -> new ProxyError(500, Kind.API_ERROR, "proxy cannot call upstream: " + msg, null);
        };
    }

    private static String seconds(Duration d) {
        return String.valueOf((d.toMillis() + 999) / 1000);
    }

    /**
     * Maps an upstream HTTP failure. Upstream 4xx that mean "this request is wrong" stay 400 (a prompt over
     * the context window says so, so a CLI can compact); everything that is the upstream's or the account's
     * trouble becomes a retryable or terminal non-400 status, because the claude CLI re-sends a 400 up to six
     * times.
     *
     * @param status       the upstream status
     * @param upstreamBody the upstream's error body or message (any shape), may be null
     * @param retryAfter   the upstream's Retry-After header, may be null
     * @param secret       the upstream key, scrubbed from the message should the upstream echo it
     */
    public static ProxyError fromUpstream(int status, String upstreamBody, String retryAfter, String secret) {
        String detail = scrub(upstreamMessage(upstreamBody), secret);
        String msg = "upstream " + status + (detail.isEmpty() ? "" : ": " + detail);
        return switch (status) {
            case 400, 413, 422 -> status == 413 || contextOverflow(detail)
                    ? new ProxyError(400, Kind.CONTEXT_TOO_LONG, "prompt is too long: " + msg, null)
                    : new ProxyError(400, Kind.INVALID_REQUEST, msg, null);
            case 401 -> new ProxyError(401, Kind.AUTHENTICATION, msg, null);
            case 403 -> new ProxyError(403, Kind.PERMISSION, msg, null);
            case 404 -> new ProxyError(404, Kind.NOT_FOUND, msg, null);
            case 429 -> new ProxyError(429, Kind.RATE_LIMIT, msg, retryAfter);
            case 503, 529 -> new ProxyError(529, Kind.OVERLOADED, msg, retryAfter);
            default -> status >= 500
                    ? new ProxyError(status, Kind.API_ERROR, msg, retryAfter)
                    // 402 (no credits), 408 and other odd statuses: the upstream's trouble, not the request's.
                    : new ProxyError(500, Kind.API_ERROR, msg, retryAfter);
        };
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
