package dev.lanebench.harness.preflight;

import dev.lanebench.runners.lane.EndpointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The providers an endpoint is pinned to in its request body (OpenRouter's {@code provider.only} or
 * {@code provider.order}), against which the provider an answer names is checked: a model saying it is the
 * model you asked for is not route proof. Names are compared without case and punctuation, and a slug's
 * variant after '/' (e.g. {@code deepinfra/fp8}) is ignored.
 *
 * @param providers      the pinned provider slugs
 * @param fallbacksOff   whether the body also says {@code allow_fallbacks: false}
 */
public record ProviderPin(List<String> providers, boolean fallbacksOff) {

    /** The endpoint's pin, if its body has one. */
    public static Optional<ProviderPin> of(EndpointSpec endpoint) {
        if (endpoint == null || !(endpoint.body().get("provider") instanceof Map<?, ?> provider)) {
            return Optional.empty();
        }
        Object list = provider.get("only") instanceof List<?> only && !only.isEmpty() ? only : provider.get("order");
        if (!(list instanceof List<?> l) || l.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        l.forEach(o -> names.add(String.valueOf(o)));
        return Optional.of(new ProviderPin(List.copyOf(names), Boolean.FALSE.equals(provider.get("allow_fallbacks"))));
    }

    public boolean allows(String provider) {
        String served = normalise(provider);
        if (served.isEmpty()) {
            return false;
        }
        for (String p : providers) {
            String pinned = normalise(p.contains("/") ? p.substring(0, p.indexOf('/')) : p);
            if (!pinned.isEmpty() && (served.equals(pinned) || served.startsWith(pinned) || pinned.startsWith(served))) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    @Override
    public String toString() {
        return providers + (fallbacksOff ? " (allow_fallbacks: false)"
                : " (allow_fallbacks is not false: the endpoint may fall back; set it to false)");
    }
}
