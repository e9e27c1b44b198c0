package dev.lanebench.scoring.judge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one judge of the panel made of one attempt: its score (the rubric's weighted mean of its criterion scores)
 * when it answered, or why it was left out.
 *
 * @param model    the judge's lanes.yaml model name
 * @param status   {@link Status#OK}, or why the member is left out of the panel's score
 * @param score    0–5, the weighted mean of {@code criteria}; null unless OK
 * @param criteria criterion name → 0–5, as the judge scored them; empty unless OK
 * @param costUsd  what this member's calls cost, retries included; null when no price is known
 * @param detail   the judge's own short reason when OK, else what went wrong (an upstream error, the refusal,
 *                 why the answer did not parse)
 */
public record MemberVerdict(String model, Status status, Double score, Map<String, Double> criteria, Double costUsd,
        String detail) {

    /** How a member's answer came out. */
    public enum Status {
        /** A usable answer: every criterion scored. */
        OK,
        /** No answer: the endpoint failed, timed out or was unreachable after retries. */
        OUTAGE,
        /** The judge declined (a refusal, or a content filter stop). */
        REFUSAL,
        /** An answer that is not the asked-for JSON (prose, junk, a criterion missing or out of 0–5, cut off). */
        UNPARSEABLE,
        /** Answered by another model than the one asked for: not this member's judgement. */
        OFF_ROUTE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status ofWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public MemberVerdict {
        criteria = criteria == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(criteria));
        if ((status == Status.OK) != (score != null)) {
            throw new IllegalArgumentException("a member has a score exactly when it answered");
        }
    }

    public boolean answered() {
        return status == Status.OK;
    }
}
