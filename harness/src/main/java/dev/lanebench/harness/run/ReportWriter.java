package dev.lanebench.harness.run;

import dev.lanebench.scoring.tables.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** Writes the run's report.html beside summary.md when the run ends (finished or stopped), from its raw.csv. */
public final class ReportWriter implements RunListener {
    private final PrintStream notices;

    /** @param notices where a failure to write the report is said (the run's result does not depend on it) */
    public ReportWriter(PrintStream notices) {
        this.notices = notices;
    }

    @Override
    public void runFinished(RunEnd end) {
        try {
            HtmlReport.write(end.report(), List.of(end.dir().root()), null);
        } catch (IOException | RuntimeException e) {
            notices.println("lanebench: could not write " + end.report() + ": " + e.getMessage());
        }
    }
}
