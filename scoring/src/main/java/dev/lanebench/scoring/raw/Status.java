package dev.lanebench.scoring.raw;

import java.util.Locale;

/** The outcome of an attempt; only {@link #SCORED} counts in medians. */
public enum Status {
    SCORED, INFRA_ERROR, VERIFY_ERROR;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** As raw.csv spells it: {@code scored}, {@code infra_error}, {@code verify_error}. */
    public String wire() {
        return wire;
    }

    public static Status fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
