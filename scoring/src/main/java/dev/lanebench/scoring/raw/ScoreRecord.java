package dev.lanebench.scoring.raw;

/**
 * The score columns of the record a chunked read is on (see {@link RawCsvReader#forEachScoreInChunks}),
 * read straight from the bytes without making an object per row: what {@code lanebench table} aggregates.
 * Only valid during the call it is passed to. Empty numbers read as NaN (decimals) or −1 (counts).
 */
public interface ScoreRecord {
    /**
     * A small number, dense from 0 within one chunk's reader, naming this row's {@link ScoreKey}: rows with the
     * same task, tier, lane, runner, model and task_hash get the same number.
     */
    int key();

    /** The columns behind a number {@link #key()} returned. */
    ScoreKey keyOf(int key);

    Status status() throws java.io.IOException;

    /** The composite, NaN when empty; a scored row always has one. */
    double composite() throws java.io.IOException;

    /** {@code route_ok}: TRUE, FALSE or null when empty. */
    Boolean routeOk() throws java.io.IOException;

    /** cost_usd, NaN when empty. */
    double costUsd() throws java.io.IOException;

    /** input_tokens, −1 when empty. */
    long inputTokens() throws java.io.IOException;

    long cachedTokens() throws java.io.IOException;

    long outputTokens() throws java.io.IOException;

    /** agent_s, NaN when empty. */
    double agentS() throws java.io.IOException;
}
