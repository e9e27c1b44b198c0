package dev.lanebench.harness.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of task.yaml's {@code decoys} as written: the short form {@code naive-fix: 3.0} (a maximum only) or
 * the long form {@code keyword-list: {max: 1.5, kind: gaming}}; {@link TaskLoader} validates it into a {@link Decoy}.
 */
public record DecoySpec(@JsonProperty("max") Double max, @JsonProperty("kind") String kind) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public DecoySpec {
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DecoySpec ofMax(double max) {
        return new DecoySpec(max, null);
    }

    /** The short form written as a whole number ({@code naive-fix: 3}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DecoySpec ofMax(long max) {
        return new DecoySpec((double) max, null);
    }
}
