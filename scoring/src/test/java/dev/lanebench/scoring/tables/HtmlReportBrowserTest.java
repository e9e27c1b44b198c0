package dev.lanebench.scoring.tables;

import static dev.lanebench.scoring.raw.SampleRows.row;
import static dev.lanebench.scoring.raw.SampleRows.scored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.scoring.bench.SyntheticRawCsv;
import dev.lanebench.scoring.raw.RawCsvWriter;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The html report in a real browser: headless Chromium, driven by Selenium, loads the file from disk and the
 * test reads the DOM (tables, plots, dot counts, attempt pages, links), never pixels. A screenshot of each page
 * is kept under target/. Skipped, saying why, where Chromium or chromedriver is not installed.
 */
class HtmlReportBrowserTest {
    /** Debian's chromium and chromium-driver (what .ci/run installs), or others named by these variables. */
    private static final Path CHROMIUM = executable("LANEBENCH_CHROMIUM", "/usr/bin/chromium",
            "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final Path CHROMEDRIVER = executable("LANEBENCH_CHROMEDRIVER", "/usr/bin/chromedriver",
            System.getenv("CHROMEWEBDRIVER") == null ? "/nonexistent" : System.getenv("CHROMEWEBDRIVER") + "/chromedriver");
    private static ChromeDriver browser;
    private static Path profile;

    @TempDir
    Path dir;

    private static Path executable(String variable, String... candidates) {
        String named = System.getenv(variable);
        if (named != null) {
            return Path.of(named);
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return Path.of(candidates[0]);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.out.println("HtmlReportBrowserTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " not installed (apt-get install chromium chromium-driver, or set LANEBENCH_CHROMIUM and "
                    + "LANEBENCH_CHROMEDRIVER)");
        }
        Assumptions.assumeTrue(present, "chromium or chromedriver not installed");
        profile = Files.createTempDirectory("lanebench-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static void add(List<RawRow> rows, String task, String lane, String runner, double... composites) {
        for (double c : composites) {
            rows.add(scored(task, "t3_complex", lane, runner, "glm", c));
        }
    }

    /** The hand-worked rows of ComparisonTest, with replication numbers, in a run folder with some attempt files. */
    private Path runFolder() throws IOException {
        Path run = dir.resolve("results").resolve("run1");
        List<RawRow> rows = new ArrayList<>();
        for (RawRow r : ComparisonTest.rows()) {
            long same = rows.stream().filter(x -> x.task().equals(r.task()) && x.lane().equals(r.lane())).count();
            rows.add(TableInputsTest.withReplication(r, (int) same + 1));
        }
        try (RawCsvWriter w = RawCsvWriter.open(run.resolve("raw.csv"))) {
            for (RawRow r : rows) {
                w.append(r);
            }
        }
        for (String file : List.of("checks/a/glm-flat/r1-a1.json", "transcripts/a/glm-flat/r1-a1.jsonl",
                "patches/a/glm-flat/r1-a1.diff", "transcripts/a/glm-flat/r2-a1.jsonl")) {
            Files.createDirectories(run.resolve(file).getParent());
            Files.writeString(run.resolve(file), "{}\n");
        }
        return run;
    }

    private void screenshot(String name) throws IOException {
        Path shot = Path.of("target", name);
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isGreaterThan(1000);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void theReportShowsTheMatrixTheComparisonsTheLanesAndLinksEveryAttempt() throws IOException {
        Path run = runFolder();
        Path report = dir.resolve("reports").resolve("report.html"); // elsewhere: links must climb out
        HtmlReport.write(report, List.of(run), null);

        browser.get(report.toUri().toString());
        screenshot("report-screenshot.png");

        // the matrix: one row per task, one column per lane, each cell's replications as dots
        assertThat(browser.findElements(By.cssSelector("#matrix-table tbody tr"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#matrix-table thead th"))).extracting(WebElement::getText)
                .containsExactly("Task", "Tier", "glm-claude", "glm-codex", "glm-flat");
        WebElement cell = browser.findElement(By.cssSelector("tr[data-task='a'] td[data-lane='glm-flat']"));
        assertThat(cell.findElement(By.className("text")).getText()).isEqualTo("2.50 (2.00–3.00, 2)");
        WebElement plot = cell.findElement(By.cssSelector("svg.cell-plot"));
        assertThat(plot.getAttribute("data-median")).isEqualTo("2.5");
        assertThat(plot.findElements(By.cssSelector("circle.rep"))).extracting(c -> c.getAttribute("data-value"))
                .containsExactlyInAnyOrder("2", "3");
        assertThat(plot.findElements(By.cssSelector("line.median"))).hasSize(1);
        WebElement infraOnly = browser.findElement(By.cssSelector("tr[data-task='c'] td[data-lane='glm-codex']"));
        assertThat(infraOnly.getText()).isEqualTo("— (1 infra)");
        assertThat(infraOnly.findElements(By.cssSelector("circle"))).isEmpty();

        // the comparison: every harness lane side by side, each Δ with its span, all tasks with the interval
        WebElement comparison = browser.findElement(By.cssSelector("section.comparison table"));
        assertThat(comparison.findElements(By.cssSelector("thead th"))).extracting(WebElement::getText)
                .containsExactly("Task", "flat", "via claude", "via codex", "Δ claude", "Δ codex");
        List<WebElement> bRow = comparison.findElements(By.xpath(".//tbody/tr[th='b']/td"));
        assertThat(bRow.get(3).getText()).isEqualTo("+0.90 overlap");
        assertThat(bRow.get(4).getText()).isEqualTo("-1.25 clear");
        WebElement clear = bRow.get(4).findElement(By.cssSelector("svg.delta-plot"));
        assertThat(clear.getAttribute("class")).contains("clear");
        assertThat(clear.getAttribute("data-low")).isEqualTo("-2"); // 1.0 − 3.0
        assertThat(clear.getAttribute("data-high")).isEqualTo("-0.5"); // 1.5 − 2.0
        List<WebElement> summaries = comparison.findElements(By.cssSelector("tr.all-tasks svg.summary"));
        assertThat(summaries).extracting(s -> s.getAttribute("data-low") + " " + s.getAttribute("data-high") + " "
                + s.getAttribute("data-delta")).containsExactly("0 1.25 0.7167", "-1.25 0.9 -0.175");
        assertThat(comparison.findElement(By.cssSelector("tr.all-tasks")).getText())
                .contains("all tasks: claude (mean of 3)").contains("+0.72 [+0.00, +1.25]");

        // per lane: cost, tokens and time
        WebElement flatLane = browser.findElement(By.cssSelector("table.lanes tr[data-lane='glm-flat']"));
        assertThat(flatLane.findElement(By.className("cost")).getText()).isEqualTo("0.06");
        assertThat(flatLane.findElement(By.className("tokens")).getText()).isEqualTo("600 / 0 / 300");
        assertThat(flatLane.findElement(By.className("time")).getText()).isEqualTo("54 s (mean 9 s)");

        // attempts: all of them on one page here; a click on a cell narrows the list to it
        assertThat(browser.findElements(By.cssSelector("#attempt-table tbody tr"))).hasSize(17);
        cell.click();
        List<WebElement> attempts = browser.findElements(By.cssSelector("#attempt-table tbody tr"));
        assertThat(attempts).hasSize(2);
        assertThat(browser.findElement(By.id("page-info")).getText()).isEqualTo("attempts 1–2 of 2");
        List<WebElement> links = attempts.get(0).findElements(By.cssSelector("a.file"));
        assertThat(links).extracting(WebElement::getText).containsExactly("checks", "transcript", "patch");
        for (WebElement link : links) {
            String href = link.getDomAttribute("href");
            assertThat(href).startsWith("../results/run1/");
            assertThat(report.getParent().resolve(href)).as(href).exists();
        }
        assertThat(attempts.get(1).findElements(By.cssSelector("a.file"))).extracting(WebElement::getText)
                .containsExactly("transcript");
        screenshot("report-attempts-screenshot.png");

        // self-contained: nothing was fetched, nothing points outside the file but the attempt links
        assertThat((Long) js("return performance.getEntriesByType('resource').length")).isZero();
        assertThat(browser.findElements(By.cssSelector("script[src], link[href], img[src], iframe"))).isEmpty();
    }

    @Test
    void aHundredThousandAttemptReportStaysSmallInTheBrowser() throws IOException {
        Path run = dir.resolve("big");
        Files.createDirectories(run);
        SyntheticRawCsv.write(run.resolve("raw.csv"), 100_000);
        long t0 = System.nanoTime();
        Path report = run.resolve("report.html");
        HtmlReport.write(report, List.of(run), null);
        System.out.printf("report on 100,000 rows: %.2f s in this JVM, %.1f MB%n", (System.nanoTime() - t0) / 1e9,
                Files.size(report) / 1e6);

        browser.get(report.toUri().toString());

        assertThat(browser.findElements(By.cssSelector("#matrix-table tbody tr"))).hasSize(15);
        assertThat(browser.findElements(By.cssSelector("#matrix-table td.cell"))).hasSize(15 * 14);
        // a cell of ~440 scored attempts is drawn as bins, whose counts add up to its n
        WebElement plot = browser.findElement(By.cssSelector("tr[data-task='java-bugfix'] td[data-lane='glm-5.2-flat'] svg"));
        int n = Integer.parseInt(plot.getAttribute("data-n"));
        assertThat(n).isGreaterThan(Svg.MAX_DOTS);
        assertThat(plot.findElements(By.cssSelector("circle.bin")).stream()
                .mapToInt(c -> Integer.parseInt(c.getAttribute("data-count"))).sum()).isEqualTo(n);
        assertThat(browser.findElements(By.cssSelector("#attempt-table tbody tr"))).hasSize(HtmlFormat.PAGE);
        assertThat(browser.findElement(By.id("page-info")).getText()).isEqualTo("attempts 1–50 of 100000");
        browser.findElement(By.id("next")).click();
        assertThat(browser.findElement(By.id("page-info")).getText()).isEqualTo("attempts 51–100 of 100000");
        assertThat((Long) js("return document.getElementsByTagName('*').length")).isLessThan(20_000L);
        screenshot("report-100k-screenshot.png");
    }

    @Test
    void statusFilterListsOnlyThoseAttempts() throws IOException {
        Path run = dir.resolve("run");
        List<RawRow> rows = new ArrayList<>();
        add(rows, "a", "glm-flat", "flat", 2.0, 3.0);
        rows.add(row("a", "t3_complex", "glm-flat", "flat", "glm", Status.INFRA_ERROR, null, null));
        try (RawCsvWriter w = RawCsvWriter.open(run.resolve("raw.csv"))) {
            for (RawRow r : rows) {
                w.append(r);
            }
        }
        HtmlReport.write(run.resolve("report.html"), List.of(run), null);
        browser.get(run.resolve("report.html").toUri().toString());

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-status"))).selectByVisibleText("infra_error");

        List<WebElement> shown = browser.findElements(By.cssSelector("#attempt-table tbody tr"));
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).getAttribute("class")).contains("infra_error");
        assertThat(shown.get(0).findElements(By.tagName("td")).get(4).getText()).isEqualTo("infra_error");
    }
}
