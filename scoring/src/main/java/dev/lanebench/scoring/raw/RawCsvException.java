package dev.lanebench.scoring.raw;

import java.io.IOException;

/**
 * A raw.csv that cannot be read as the schema says; the message is one line naming the file, and where it
 * applies the line and column, so the CLI can print it as is.
 */
public final class RawCsvException extends IOException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN_CHARS = 60;

    public RawCsvException(String message) {
        super(message);
    }

    /** A value as quoted in a message: shortened, and never breaking the message over lines. */
    static String shown(String value) {
        String oneLine = value.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= SHOWN_CHARS ? oneLine : oneLine.substring(0, SHOWN_CHARS) + "…";
    }
}
