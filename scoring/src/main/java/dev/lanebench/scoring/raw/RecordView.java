package dev.lanebench.scoring.raw;

import dev.lanebench.scoring.raw.RawCsvSchema.Column;

/**
 * Typed access to the fields of the record a reader is positioned on, so {@link RawCsvSchema} can say which
 * column holds what without knowing how the bytes were scanned. Empty fields read as null.
 */
interface RecordView {
    /** Text of the column; a required column that is empty fails. */
    String text(Column column, boolean required) throws RawCsvException;

    Integer integer(Column column, boolean required) throws RawCsvException;

    Long longInteger(Column column) throws RawCsvException;

    Double decimal(Column column) throws RawCsvException;

    Boolean bool(Column column) throws RawCsvException;

    Status status(Column column) throws RawCsvException;

    /** An error for this record and column, to be thrown by the caller. */
    RawCsvException invalid(Column column, String detail);
}
