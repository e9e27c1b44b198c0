package dev.lanebench.runners.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A task's process budgets (task.yaml {@code budgets}): the most turns and the most calls per normalized
 * tool kind; a null or absent entry is unlimited.
 */
public record Budgets(
        @JsonProperty("max_turns") Integer maxTurns,
        @JsonProperty("tools") Map<ToolKind, Integer> tools) {

    public static final Budgets NONE = new Budgets(null, Map.of());

    public Budgets {
        tools = tools == null ? Map.of() : Map.copyOf(tools);
    }

    public boolean isEmpty() {
        return maxTurns == null && tools.isEmpty();
    }
}
