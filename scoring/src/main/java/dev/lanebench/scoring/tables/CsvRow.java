package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.raw.RawCsvSchema;
import java.util.Arrays;
import java.util.List;

/**
 * One line of a long-format CSV output, filled by column name so each table in it names only the columns it
 * uses; the first column says which table, the last which format. Numbers as raw.csv spells them.
 */
final class CsvRow {
    private final List<String> header;
    final String[] fields;

    CsvRow(List<String> header, String table, String format) {
        this.header = header;
        this.fields = new String[header.size()];
        Arrays.fill(fields, "");
        fields[0] = table;
        fields[header.size() - 1] = format;
    }

    CsvRow set(String column, Object value) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no csv column " + column);
        }
        if (value instanceof Double d) {
            fields[i] = RawCsvSchema.formatDouble(d);
        } else {
            fields[i] = value == null ? "" : value.toString();
        }
        return this;
    }
}
