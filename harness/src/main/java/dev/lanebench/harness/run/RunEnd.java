package dev.lanebench.harness.run;

import dev.lanebench.scoring.raw.RawRow;
import java.nio.file.Path;
import java.util.List;

/**
 * A run that is over, finished or stopped.
 *
 * @param dir           the run folder (raw.csv, summary.md and run.json are final)
 * @param rows          every row of the run, from before a resume too
 * @param exitCode      what the command exits with
 * @param stopped       the run was stopped (Ctrl-C, SIGTERM) before its plan was done
 * @param resumeCommand the command line that finishes the plan, or null when nothing is left
 * @param notMeasured   what the run did not measure, and why
 */
public record RunEnd(RunDirectory dir, List<RawRow> rows, int exitCode, boolean stopped, String resumeCommand,
                     NotMeasured notMeasured) {
    public RunEnd {
        rows = List.copyOf(rows);
    }

    /** Where the HTML report of the run goes, beside summary.md. */
    public Path report() {
        return dir.root().resolve("report.html");
    }
}
