package dev.lanebench.harness.lanes;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.runners.lane.Lane;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The lanes of one lanes.yaml, by name, in file order. */
public record LaneSet(Path file, Map<String, Lane> byName) {

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
