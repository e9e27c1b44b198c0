package dev.lanebench.runners.proxy.chat;

/**
 * A client request the proxy refuses itself, before any upstream call, with a 400 invalid_request_error naming
 * the field, as the real APIs do. Only for requests that are wrong, never for ones the upstream might take: the
 * claude CLI re-sends a 400 several times, so a needless one costs a whole retry cycle.
 */
public final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }

    /** {@code "<field>: <problem>"}, e.g. {@code "max_tokens: Field required"}. */
    public static InvalidRequestException field(String field, String problem) {
        return new InvalidRequestException(field + ": " + problem);
    }
}
