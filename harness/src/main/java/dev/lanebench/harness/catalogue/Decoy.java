package dev.lanebench.harness.catalogue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A decoy a task declares: a wrong answer under {@code verify/decoys/<name>/}, the most its grader may give it,
 * and what kind of wrong answer it stands for.
 */
public record Decoy(double max, Kind kind) {

    /** What a decoy stands for; every task needs at least one {@link #GAMING} decoy. */
    public enum Kind {
        /** Scores by exploiting the grader instead of doing the work: keyword stuffing, deny-everything, forged
         *  results, edited or skipped tests, hard-coded answers. */
        GAMING,
        /** A plausible fix of the reported symptom only. The kind of a decoy declared in the short form. */
        SHALLOW,
        /** Does part of the work right and leaves the rest undone. */
        PARTIAL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named in task.yaml, or null when the name is not a kind. */
        public static Kind fromWire(String name) {
            return Arrays.stream(values()).filter(k -> k.wire().equals(name)).findFirst().orElse(null);
        }

        public static List<String> wires() {
            return Arrays.stream(values()).map(Kind::wire).toList();
        }
    }
}
