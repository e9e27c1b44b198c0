package dev.lanebench.runners.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The normalized tool kinds every runner maps its own tools onto (docs/reference.md, "Transcripts"). */
public enum ToolKind {
    READ, WRITE, EDIT, RUN, LIST, SEARCH, OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ToolKind fromWire(String s) {
        for (ToolKind k : values()) {
            if (k.wire().equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown tool kind '" + s + "' (read, write, edit, run, list, search, other)");
    }
}
