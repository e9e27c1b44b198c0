package dev.lanebench.harness.run;

import dev.lanebench.runners.agent.ModelCall;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An attempt's model-call totals, the same for every runner: tokens, cost, served models and route proof.
 * A total is null (not measured) when no call reported it.
 */
public record CallTotals(int calls, int okCalls, Long inputTokens, Long cachedTokens, Long outputTokens,
                         Long reasoningTokens, Double costUsd, String servedModels, Boolean routeOk) {

    public static CallTotals of(List<ModelCall> calls) {
        Set<String> served = new LinkedHashSet<>();
        boolean routeOk = true;
        int ok = 0;
        for (ModelCall c : calls) {
            if (c.ok()) {
                ok++;
                // An answer that does not say who served it cannot prove the route.
                routeOk &= c.servedAsRequested();
            }
            if (c.servedModel() != null) {
                served.add(c.servedModel());
            }
        }
        Double cost = null;
        for (ModelCall c : calls) {
            if (c.costUsd() != null) {
                cost = (cost == null ? 0 : cost) + c.costUsd();
            }
        }
        return new CallTotals(calls.size(), ok,
                sum(calls, ModelCall::inputTokens), sum(calls, ModelCall::cachedTokens),
                sum(calls, ModelCall::outputTokens), sum(calls, ModelCall::reasoningTokens),
                cost, served.isEmpty() ? null : String.join(";", served), ok == 0 ? null : routeOk);
    }

    private static Long sum(List<ModelCall> calls, Function<ModelCall, Long> field) {
        Long total = null;
        for (ModelCall c : calls) {
            Long v = field.apply(c);
            if (v != null) {
                total = (total == null ? 0 : total) + v;
            }
        }
        return total;
    }
}
