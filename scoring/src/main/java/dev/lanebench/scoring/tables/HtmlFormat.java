package dev.lanebench.scoring.tables;

import java.nio.file.Path;

/** Placeholder. */
final class HtmlFormat implements ResultFormat<TableReport> {
    private final Path reportDir;

    HtmlFormat(Path reportDir) {
        this.reportDir = reportDir;
    }

    @Override
    public String name() {
        return "html";
    }

    @Override
    public String render(TableReport r) {
        return "";
    }
}
