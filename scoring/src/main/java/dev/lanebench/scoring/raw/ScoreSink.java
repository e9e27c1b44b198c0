package dev.lanebench.scoring.raw;

import java.io.IOException;

/** Takes the rows of one chunk of a raw.csv as {@link ScoreRecord}s (see {@link RawCsvReader#forEachScoreInChunks}). */
public interface ScoreSink {
    void accept(ScoreRecord record) throws IOException;
}
