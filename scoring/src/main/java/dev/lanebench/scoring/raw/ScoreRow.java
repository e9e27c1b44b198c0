package dev.lanebench.scoring.raw;

/**
 * The columns of a raw.csv row that tables and statistics use: which cell and lane it belongs to, how the
 * attempt ended, its composite and its cost. Reading only these keeps {@code lanebench table} fast on
 * millions of rows (see {@link RawCsvReader#forEachScore}).
 */
public record ScoreRow(String task, String tier, String lane, String runner, String model, Status status,
        Double composite, Boolean routeOk, Double costUsd) {

    public static ScoreRow of(RawRow row) {
        return new ScoreRow(row.task(), row.tier(), row.lane(), row.runner(), row.model(), row.status(),
                row.composite(), row.routeOk(), row.costUsd());
    }
}
