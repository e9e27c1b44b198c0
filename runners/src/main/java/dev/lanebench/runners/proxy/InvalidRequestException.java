package dev.lanebench.runners.proxy;

/**
 * A request the proxy itself cannot make sense of: the only case it answers 400 invalid_request_error on its
 * own, because the CLI re-sends a 400 several times and a needless one costs a whole retry cycle.
 */
public final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
