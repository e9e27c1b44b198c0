package dev.lanebench.scoring.raw;

import java.util.Locale;

/** The outcome of an attempt (METHODOLOGY.md §2); only {@link #SCORED} counts in medians. */
public enum Status {
    SCORED, INFRA_ERROR, VERIFY_ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
