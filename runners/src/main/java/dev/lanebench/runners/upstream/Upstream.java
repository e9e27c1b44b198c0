package dev.lanebench.runners.upstream;

import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One model at one endpoint, as a lane uses it: what {@link UpstreamClient} talks to.
 *
 * @param role     "main" or "small", copied into every {@code ModelCall}
 * @param endpoint where and how to call (base_url, key env name, extra headers and body fields)
 * @param model    the model id sent, its price and output limit
 */
public record Upstream(String role, EndpointSpec endpoint, ModelSpec model) {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public Upstream {
        if (endpoint == null || model == null) {
            throw new IllegalArgumentException("an upstream needs an endpoint and a model");
        }
        role = role == null ? "main" : role;
    }

    /** The lane's main model. */
    public static Upstream main(Lane lane) {
        return new Upstream("main", lane.endpoint(), lane.model());
    }

    /** The lane's small model, which is the main model when the lane names none. */
    public static Upstream small(Lane lane) {
        return lane.smallModel() == null
                ? new Upstream("small", lane.endpoint(), lane.model())
                : new Upstream("small", lane.smallEndpoint() == null ? lane.endpoint() : lane.smallEndpoint(),
                        lane.smallModel());
    }

    /** Environment variables this upstream needs: the key's, and any {@code ${NAME}} in base_url. */
    public List<String> requiredEnv() {
        List<String> names = new ArrayList<>();
        if (endpoint.apiKeyEnv() != null && !endpoint.apiKeyEnv().isBlank()) {
            names.add(endpoint.apiKeyEnv());
        }
        Matcher m = ENV_REF.matcher(endpoint.baseUrl());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Readiness: {@code "<ENV> not set"} for the first needed variable that is missing or empty, else empty. */
    public Optional<String> missingEnv(Map<String, String> env) {
        for (String name : requiredEnv()) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                return Optional.of(name + " not set");
            }
        }
        return Optional.empty();
    }

    /**
     * base_url with {@code ${NAME}} references filled from {@code env} (e.g. a Cloudflare account id) and
     * {@code /chat/completions} appended.
     */
    public String chatCompletionsUrl(Map<String, String> env) {
        Matcher m = ENV_REF.matcher(endpoint.baseUrl());
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.getOrDefault(m.group(1), "");
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        String base = b.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/chat/completions";
    }
}
