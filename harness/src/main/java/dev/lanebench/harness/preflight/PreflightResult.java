package dev.lanebench.harness.preflight;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One lane's pre-flight: the route its probe took (endpoint, model asked for and served, provider), what the
 * probe and the micro task cost, and the verdict with what it is about.
 *
 * @param latencyMs the probe's successful call, request to last byte (null when none succeeded)
 * @param costUsd   probe and micro task together (null when nothing reported a cost)
 * @param maxTokens the output budget the probe asked for
 * @param microTask how the known-answer task went (null when it was not reached)
 */
public record PreflightResult(String lane, String runner, String endpoint, String baseUrl, String requestedModel,
                              String servedModel, String provider, Long latencyMs, Double costUsd, Integer maxTokens,
                              Verdict verdict, String detail, String microTask, Instant checkedAt) {

    public boolean passed() {
        return verdict == Verdict.OK;
    }

    /** The verdict and its detail in one line ({@code key_rejected: HTTP 401: …}). */
    public String reason() {
        return detail == null || detail.isEmpty() ? verdict.wire() : verdict.wire() + ": " + detail;
    }

    /** What run.json keeps ({@code preflight[]}). */
    public Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lane", lane);
        m.put("runner", runner);
        m.put("endpoint", endpoint);
        m.put("base_url", baseUrl);
        m.put("model_requested", requestedModel);
        m.put("model_served", servedModel);
        m.put("provider", provider);
        m.put("latency_ms", latencyMs);
        m.put("cost_usd", costUsd == null ? null : Math.round(costUsd * 1e8) / 1e8);
        m.put("max_tokens", maxTokens);
        m.put("verdict", verdict.wire());
        m.put("detail", detail);
        m.put("micro_task", microTask);
        m.put("checked_at", checkedAt.toString());
        return m;
    }
}
