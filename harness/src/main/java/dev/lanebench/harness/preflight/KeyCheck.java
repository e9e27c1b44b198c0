package dev.lanebench.harness.preflight;

import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.upstream.Upstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks at a lane's key variables before any request is sent: a missing, empty or mangled key is named here,
 * never discovered by a refused request (an empty variable would still send {@code Authorization: Bearer }).
 */
public final class KeyCheck {
    private KeyCheck() {
    }

    /** The first problem with the lane's keys and base_url variables, if any. */
    public static Optional<Finding> of(Lane lane, Map<String, String> env) {
        if (lane.model() == null || lane.endpoint() == null) {
            return Optional.empty();
        }
        List<Upstream> upstreams = new ArrayList<>(List.of(Upstream.main(lane)));
        if (lane.smallModel() != null) {
            upstreams.add(Upstream.small(lane));
        }
        for (Upstream u : upstreams) {
            String keyEnv = u.endpoint().apiKeyEnv();
            for (String name : u.requiredEnv()) {
                String value = env.get(name);
                boolean isKey = name.equals(keyEnv);
                if (value == null) {
                    return Optional.of(new Finding(Verdict.MISSING_KEY, name + " is not set"));
                }
                if (value.isBlank()) {
                    return Optional.of(new Finding(Verdict.EMPTY_KEY, name + " is set but empty"
                            + (isKey ? ": it would still send 'Authorization: Bearer ' and be refused" : "")));
                }
                if (isKey && value.chars().anyMatch(Character::isWhitespace)) {
                    return Optional.of(new Finding(Verdict.MALFORMED_KEY, name + " holds whitespace or a line break"
                            + " (a paste that caught more than the key?)"));
                }
            }
        }
        return Optional.empty();
    }

    /** A verdict and what it is about. */
    public record Finding(Verdict verdict, String detail) {
    }
}
