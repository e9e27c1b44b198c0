package dev.lanebench.harness.preflight;

import dev.lanebench.harness.preflight.KeyCheck.Finding;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.ModelPath;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a lane's model calls prove: that the endpoint took the key and had credit, that the model the lane
 * names answered, from a provider inside the endpoint's pin, and that the answer was not swallowed by reasoning.
 */
final class RouteProof {
    private RouteProof() {
    }

    /** Why no call succeeded, from the last try's HTTP status; empty when one did. */
    static Optional<Finding> noAnswer(List<ModelCall> calls, String pathError) {
        if (calls.stream().anyMatch(ModelCall::ok)) {
            return Optional.empty();
        }
        if (calls.isEmpty()) {
            return Optional.of(new Finding(Verdict.UPSTREAM_ERROR, pathError == null ? "no request was made" : pathError));
        }
        ModelCall last = calls.get(calls.size() - 1);
        String what = last.error() == null ? "HTTP " + last.status() : last.error();
        Verdict v = switch (last.status()) {
            case 401, 403 -> Verdict.KEY_REJECTED;
            case 402 -> Verdict.NO_CREDIT;
            case 429 -> Verdict.RATE_LIMITED;
            case 404 -> Verdict.NOT_FOUND;
            default -> Verdict.UPSTREAM_ERROR;
        };
        return Optional.of(new Finding(v, what));
    }

    /** Whether one successful call came from the requested model and, under a pin, a pinned provider. */
    static Optional<Finding> route(Lane lane, ModelCall call) {
        if (call.servedModel() == null) {
            return Optional.of(new Finding(Verdict.NO_ROUTE_PROOF, "the answer to " + call.requestedModel()
                    + " does not say which model served it"));
        }
        if (!call.servedAsRequested()) {
            return Optional.of(new Finding(Verdict.MODEL_SWITCH, "asked for " + call.requestedModel() + ", served by "
                    + call.servedModel()));
        }
        EndpointSpec endpoint = "small".equals(call.role()) && lane.smallEndpoint() != null ? lane.smallEndpoint()
                : lane.endpoint();
        Optional<ProviderPin> pin = ProviderPin.of(endpoint);
        if (pin.isPresent()) {
            if (call.provider() == null) {
                return Optional.of(new Finding(Verdict.NO_ROUTE_PROOF, "provider pinned to " + pin.get()
                        + " but the answer names no provider"));
            }
            if (!pin.get().allows(call.provider())) {
                return Optional.of(new Finding(Verdict.PROVIDER_FALLBACK, "pinned to " + pin.get() + ", served by "
                        + call.provider()));
            }
        }
        return Optional.empty();
    }

    /** Whether the answer got through: not empty, not cut off while still reasoning. */
    static Optional<Finding> answer(ModelPath.Answer a) {
        if (a.error() != null) {
            return Optional.of(new Finding(Verdict.UPSTREAM_ERROR, a.error()));
        }
        if (a.text() != null && !a.text().isBlank()) {
            return Optional.empty();
        }
        if (a.cutOff() && a.reasoning()) {
            return Optional.of(new Finding(Verdict.REASONING_BUDGET, "finish_reason length with only reasoning: max_tokens "
                    + a.maxTokens() + " went to reasoning before any answer; raise the lane's max_tokens"));
        }
        if (a.cutOff()) {
            return Optional.of(new Finding(Verdict.EMPTY_ANSWER, "cut off at max_tokens " + a.maxTokens()
                    + " before any visible answer; raise the lane's max_tokens"));
        }
        return Optional.of(new Finding(Verdict.EMPTY_ANSWER, "the model answered nothing visible"));
    }
}
