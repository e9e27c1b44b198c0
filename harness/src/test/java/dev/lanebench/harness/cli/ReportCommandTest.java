package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanebench report}: one self-contained html file for a real run folder, links relative to where it is. */
class ReportCommandTest {
    @TempDir
    Path dir;

    /** The real run folder kept from the schema-1 code (oracle and noop over three catalogue tasks). */
    private Path runFolder() throws Exception {
        Path run = dir.resolve("results").resolve("schema1-run");
        Files.createDirectories(run);
        Path resources = Path.of("../scoring/src/test/resources/schema1").toAbsolutePath();
        Files.copy(resources.resolve("oracle-noop-run.csv"), run.resolve("raw.csv"));
        Path patch = run.resolve("patches/java-bugfix/oracle/r1-a1.diff");
        Files.createDirectories(patch.getParent());
        Files.writeString(patch, "diff --git a/x b/x\n");
        return run;
    }

    @Test
    void writesReportHtmlInTheRunFolderByDefault() throws Exception {
        Path run = runFolder();

        CliRun r = CliRun.of("report", run.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Path html = run.resolve("report.html");
        assertThat(r.out().strip()).isEqualTo("report: " + html);
        String text = Files.readString(html);
        assertThat(text).startsWith("<!DOCTYPE html>").contains("id=\"matrix-table\"").contains("<svg class=\"plot cell-plot\"")
                .contains("Content-Security-Policy").doesNotContain("http://").doesNotContain("https://")
                .contains("read raw.csv schema 1");
        assertThat(text).contains("\"runs\":[\"\"]"); // links start in the report's own folder
    }

    @Test
    void outputElsewhereLinksBackToTheRunFolder() throws Exception {
        Path run = runFolder();
        Path out = dir.resolve("site").resolve("r.html");

        CliRun r = CliRun.of("report", run.toString(), "-o", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains("\"runs\":[\"../results/schema1-run\"]");
        assertThat(out.resolveSibling("r.html.tmp")).doesNotExist();
    }

    @Test
    void aMissingRunIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("report", dir.resolve("nope").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("lanebench: " + dir.resolve("nope") + ": file not found");
    }
}
