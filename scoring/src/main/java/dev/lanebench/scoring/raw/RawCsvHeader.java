package dev.lanebench.scoring.raw;

import dev.lanebench.scoring.raw.RawCsvSchema.Column;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header of one raw.csv as found: where each known column sits, which schema version the file is, and the
 * columns this version does not know. Readers go by this map rather than by position, so a file of an older
 * schema (appended columns missing) and one of a newer schema (extra columns) both read.
 */
public final class RawCsvHeader {
    private static final Column[] COLUMNS = Column.values();

    private final List<String> names;
    private final int[] fieldOf; // by Column ordinal; -1 when the file has no such column
    private final int schema;
    private final List<String> unknownColumns;

    private RawCsvHeader(List<String> names, int[] fieldOf, int schema, List<String> unknownColumns) {
        this.names = names;
        this.fieldOf = fieldOf;
        this.schema = schema;
        this.unknownColumns = unknownColumns;
    }

    /** The header this version writes. */
    public static RawCsvHeader current() {
        int[] fieldOf = new int[COLUMNS.length];
        Arrays.setAll(fieldOf, i -> i);
        return new RawCsvHeader(RawCsvSchema.HEADER, fieldOf, RawCsvSchema.VERSION, List.of());
    }

    /**
     * Maps a header line's fields to the known columns.
     *
     * @throws RawCsvException naming the file when a schema-1 column is missing or a known column appears twice:
     *                         then it is not a raw.csv at all
     */
    static RawCsvHeader parse(Path file, List<String> names) throws RawCsvException {
        int[] fieldOf = new int[COLUMNS.length];
        Arrays.fill(fieldOf, -1);
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Column c = byName(names.get(i));
            if (c == null) {
                unknown.add(names.get(i));
            } else if (fieldOf[c.ordinal()] >= 0) {
                throw new RawCsvException(file + ": line 1: not a raw.csv header: column '" + c.wire()
                        + "' appears twice (columns " + (fieldOf[c.ordinal()] + 1) + " and " + (i + 1) + ")");
            } else {
                fieldOf[c.ordinal()] = i;
            }
        }
        List<String> missing = new ArrayList<>();
        for (Column c : COLUMNS) {
            if (c.since() == 1 && fieldOf[c.ordinal()] < 0) {
                missing.add(c.wire());
            }
        }
        if (!missing.isEmpty()) {
            throw new RawCsvException(file + ": line 1: not a raw.csv header: no column "
                    + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                    + (missing.size() > 3 ? " (and " + (missing.size() - 3) + " more)" : "")
                    + (names.size() == 1 ? "" : "; found " + RawCsvException.shown(String.join(",", names))));
        }
        int schema = 1;
        while (schema < RawCsvSchema.VERSION && hasAllOf(fieldOf, schema + 1)) {
            schema++;
        }
        return new RawCsvHeader(List.copyOf(names), fieldOf, schema, List.copyOf(unknown));
    }

    private static boolean hasAllOf(int[] fieldOf, int schema) {
        for (Column c : COLUMNS) {
            if (c.since() == schema && fieldOf[c.ordinal()] < 0) {
                return false;
            }
        }
        return true;
    }

    private static Column byName(String name) {
        for (Column c : COLUMNS) {
            if (c.wire().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The field index of the column in this file's records, or -1 when the file has no such column. */
    int fieldOf(Column column) {
        return fieldOf[column.ordinal()];
    }

    /** How many fields every record of the file has. */
    public int fieldCount() {
        return names.size();
    }

    /**
     * The newest schema whose columns the file has in full (1 or 2); a newer file shows as the newest this
     * version knows, with its extra columns in {@link #unknownColumns()}.
     */
    public int schema() {
        return schema;
    }

    /** Columns this version does not know (a newer lanebench wrote the file), in file order; ignored when reading. */
    public List<String> unknownColumns() {
        return unknownColumns;
    }

    /** True when the file has exactly the header this version writes, so rows can be appended as they are. */
    public boolean isCurrent() {
        return names.equals(RawCsvSchema.HEADER);
    }

    /** True when the file is an older schema written in order: the current header cut short. Such a file is upgraded before appending. */
    boolean isOlderPrefix() {
        return schema < RawCsvSchema.VERSION && unknownColumns.isEmpty()
                && names.equals(RawCsvSchema.HEADER.subList(0, names.size()));
    }

    /** {@code schema 1}, {@code schema 2 + unknown columns foo, bar}: how notes name the version read. */
    public String describe() {
        return "schema " + schema + (unknownColumns.isEmpty() ? ""
                : " + unknown columns " + String.join(", ", unknownColumns));
    }
}
