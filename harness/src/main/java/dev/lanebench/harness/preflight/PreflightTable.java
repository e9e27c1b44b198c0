package dev.lanebench.harness.preflight;

import java.util.List;
import java.util.Locale;

/** The pre-flight table: lane, endpoint, served model / provider, latency, cost, verdict. */
final class PreflightTable {
    private PreflightTable() {
    }

    static String render(List<PreflightResult> results) {
        StringBuilder b = new StringBuilder();
        String format = "  %-24s %-14s %-36s %9s %11s  %s%n";
        b.append(String.format(Locale.ROOT, format, "lane", "endpoint", "served model / provider", "latency", "cost", "verdict"));
        for (PreflightResult r : results) {
            String served = (r.servedModel() == null ? "—" : r.servedModel()) + (r.provider() == null ? "" : " / " + r.provider());
            b.append(String.format(Locale.ROOT, format, r.lane(), r.endpoint() == null ? "—" : r.endpoint(), served,
                    r.latencyMs() == null ? "—" : r.latencyMs() + " ms",
                    r.costUsd() == null ? "—" : String.format(Locale.ROOT, "$%.5f", r.costUsd()), r.reason()));
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        b.append(failed == 0 ? "pre-flight: every lane passed\n"
                : "pre-flight: " + failed + " of " + results.size() + " lanes failed\n");
        return b.toString();
    }
}
