package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.raw.RawCsvHeader;

/** One raw.csv that went into a table: where it is, how many rows it gave, and the schema it was written in. */
public record Source(String path, long rows, RawCsvHeader header) {
}
