package dev.lanebench.harness.preflight;

/** The named outcome of a lane's pre-flight: {@code ok}, or the first thing found wrong. */
public enum Verdict {
    OK("ok"),
    /** The key's (or base_url's) environment variable is not set. */
    MISSING_KEY("missing_key"),
    /** The key's variable is set but empty: it would still send {@code Authorization: Bearer }. */
    EMPTY_KEY("empty_key"),
    /** The key holds whitespace or a line break: a paste that caught more than the key. */
    MALFORMED_KEY("malformed_key"),
    /** The lane cannot run here for another reason (sandbox, CLI binary). */
    NOT_READY("not_ready"),
    /** 401 or 403: the endpoint refused the key. */
    KEY_REJECTED("key_rejected"),
    /** 402: no credit left on the account. */
    NO_CREDIT("no_credit"),
    /** 429 after the client's retries. */
    RATE_LIMITED("rate_limited"),
    /** 404: no such model at this endpoint (or no provider left under the pin). */
    NOT_FOUND("not_found"),
    /** No answer: network failure, timeout, 5xx, a malformed answer, a failing proxy. */
    UPSTREAM_ERROR("upstream_error"),
    /** The answer does not say which model (or, under a provider pin, which provider) served it. */
    NO_ROUTE_PROOF("no_route_proof"),
    /** Another model answered than the one the lane asks for. */
    MODEL_SWITCH("model_switch"),
    /** A provider outside the endpoint's pin served the request. */
    PROVIDER_FALLBACK("provider_fallback"),
    /** Cut off at the lane's output budget with only reasoning: max_tokens is too small for this model. */
    REASONING_BUDGET("reasoning_budget"),
    /** The model answered nothing visible. */
    EMPTY_ANSWER("empty_answer"),
    /** The known-answer micro task through the lane's real runner failed. */
    MICRO_TASK_FAILED("micro_task_failed");

    private final String wire;

    Verdict(String wire) {
        this.wire = wire;
    }

    /** The name in run.json and the table. */
    public String wire() {
        return wire;
    }
}
