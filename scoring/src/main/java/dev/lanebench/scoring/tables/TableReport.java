package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.raw.RawRow;
import java.util.List;

/** The tables of DESIGN.md §9 built from raw rows, rendered as md, csv or json. */
public final class TableReport {
    public static TableReport of(List<RawRow> rows) {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    public String render(Format format) {
        throw new UnsupportedOperationException("scoring helper implements");
    }

    public enum Format { MD, CSV, JSON }
}
