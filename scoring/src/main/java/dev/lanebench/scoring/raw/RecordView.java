package dev.lanebench.scoring.raw;

import dev.lanebench.scoring.raw.RawCsvSchema.Column;
import java.io.IOException;

/**
 * Typed access to the fields of the record a reader is positioned on, so {@link RawCsvSchema} can say which
 * column holds what without knowing how the bytes were scanned. Empty fields, and columns the file does not
 * have (an older schema), read as null. Errors are {@link RawCsvException}s naming file, line and column.
 */
interface RecordView {
    /** Text of the column; a required column that is empty fails. */
    String text(Column column, boolean required) throws IOException;

    Integer integer(Column column, boolean required) throws IOException;

    Long longInteger(Column column) throws IOException;

    Double decimal(Column column) throws IOException;

    Boolean bool(Column column) throws IOException;

    Status status(Column column) throws IOException;

    /** An error for this record and column, to be thrown by the caller. */
    RawCsvException invalid(Column column, String detail) throws IOException;
}
