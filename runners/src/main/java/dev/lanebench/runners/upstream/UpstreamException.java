package dev.lanebench.runners.upstream;

import java.time.Duration;
import java.util.Optional;

/**
 * Why {@link UpstreamClient} gave up on a request, after any retries. Carries what a caller needs to decide
 * and to report: the HTTP status (0 when no response arrived), whether the failure is of a retryable kind,
 * the server's Retry-After, and the upstream's own error message. Messages never contain the API key.
 */
public final class UpstreamException extends Exception {

    /** What kind of failure ended the request. */
    public enum Kind {
        /** The endpoint answered with an error status, or with an error object in a 200 body or stream. */
        HTTP,
        /** Connection refused, reset, DNS, TLS: no usable response. */
        NETWORK,
        /** The connection went silent (connect or read timeout) before the attempt deadline. */
        TIMEOUT,
        /** The attempt deadline passed: the call was cut off, or a retry wait would have passed it. */
        DEADLINE,
        /** The caller cancelled (see {@link Cancellation}) or its stream listener stopped reading. */
        CANCELLED,
        /** A 200 that is not a chat completion (unparseable, no choices, a stream that broke its format). */
        BAD_RESPONSE,
        /** The client is not configured to call: the key's environment variable is unset, bad base_url. */
        CONFIG
    }

    private final Kind kind;
    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;
    private final String upstreamMessage;
    private final int tries;
    private final boolean streamStarted;

    public UpstreamException(Kind kind, int status, boolean retryable, Duration retryAfter, String upstreamMessage,
                             int tries, boolean streamStarted) {
        super(describe(kind, status, upstreamMessage, tries));
        this.kind = kind;
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.upstreamMessage = upstreamMessage;
        this.tries = tries;
        this.streamStarted = streamStarted;
    }

    private static String describe(Kind kind, int status, String message, int tries) {
        StringBuilder b = new StringBuilder("upstream ");
        b.append(kind == Kind.HTTP ? "HTTP " + status : kind.name().toLowerCase(java.util.Locale.ROOT));
        if (message != null && !message.isBlank()) {
            b.append(": ").append(message);
        }
        if (tries > 1) {
            b.append(" (after ").append(tries).append(" tries)");
        }
        return b.toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the last try; 0 when no response arrived. An error inside a 200 body keeps its code. */
    public int status() {
        return status;
    }

    /**
     * Whether this failure is of a kind worth retrying later (429, 408, 409, 5xx, timeouts, network). True here
     * means the client's own retries ran out or the deadline stopped them, not that it will succeed next time.
     */
    public boolean retryable() {
        return retryable;
    }

    /** The last response's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The upstream's error message (from its JSON error object, else a trimmed body), or the local cause. */
    public String upstreamMessage() {
        return upstreamMessage;
    }

    /** HTTP tries made, this one included. */
    public int tries() {
        return tries;
    }

    /** True when stream chunks had already been handed to the listener, which is why it was not retried. */
    public boolean streamStarted() {
        return streamStarted;
    }

    /** This failure as the final one: the total tries, and why retrying stopped when it was not the count. */
    UpstreamException finalAfter(int n, String note) {
        String m = note == null ? upstreamMessage : upstreamMessage == null ? note : upstreamMessage + "; " + note;
        UpstreamException e = new UpstreamException(kind, status, retryable, retryAfter, m, n, streamStarted);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** Whether an HTTP status is one the client retries. */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }
}
