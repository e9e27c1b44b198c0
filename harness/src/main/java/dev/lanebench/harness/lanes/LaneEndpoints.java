package dev.lanebench.harness.lanes;

import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import java.util.LinkedHashMap;
import java.util.Map;

/** The endpoints a lane's model calls go to, by their lanes.yaml name: what rate limits and 429 pauses are kept per. */
public final class LaneEndpoints {
    private LaneEndpoints() {
    }

    /** The main model's endpoint, then the small model's when it is another one; empty for oracle and noop. */
    public static Map<String, EndpointSpec> of(Lane lane) {
        Map<String, EndpointSpec> m = new LinkedHashMap<>();
        if (lane.model() != null && lane.endpoint() != null) {
            m.put(lane.model().endpoint(), lane.endpoint());
        }
        if (lane.smallModel() != null && lane.smallEndpoint() != null) {
            m.putIfAbsent(lane.smallModel().endpoint(), lane.smallEndpoint());
        }
        return m;
    }

    /** The endpoint a model call of the given role ("main" or "small") went to, or null. */
    public static String forRole(Lane lane, String role) {
        if ("small".equals(role) && lane.smallModel() != null) {
            return lane.smallModel().endpoint();
        }
        return lane.model() == null ? null : lane.model().endpoint();
    }
}
