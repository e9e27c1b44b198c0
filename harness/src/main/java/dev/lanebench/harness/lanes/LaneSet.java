package dev.lanebench.harness.lanes;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.upstream.Upstream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The lanes of one lanes.yaml, by name, in file order, and its models with their endpoints (a judge panel names
 * models, not lanes).
 */
public record LaneSet(Path file, Map<String, Lane> byName, Map<String, ModelSpec> models,
        Map<String, EndpointSpec> endpoints) {

    /** The lanes alone, for callers that call no model of their own. */
    public LaneSet(Path file, Map<String, Lane> byName) {
        this(file, byName, Map.of(), Map.of());
    }

    /** A model of {@code models} reached through its endpoint, its calls logged with {@code role}; null when unknown. */
    public Upstream model(String name, String role) {
        ModelSpec m = models.get(name);
        return m == null ? null : new Upstream(role, endpoints.get(m.endpoint()), m);
    }

    public Collection<Lane> all() {
        return byName.values();
    }

    public Lane lane(String name) {
        Lane lane = byName.get(name);
        if (lane == null) {
            throw ConfigException.at(file, "lanes", "no lane '" + name + "' (known: " + String.join(", ", byName.keySet()) + ")");
        }
        return lane;
    }

    public List<Lane> select(List<String> names) {
        return names.stream().map(this::lane).toList();
    }
}
