package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.raw.RawCsvSchema;
import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;

/**
 * The small inline SVG plots of the html report: a cell's replications as dots over its range and median, a
 * difference with the interval it may lie in, a bar for a lane total. Drawn from the numbers alone; each plot
 * carries its numbers as data attributes, so a test can read what it shows.
 */
final class Svg {
    static final int CELL_WIDTH = 120;
    static final int DELTA_WIDTH = 140;
    /** Up to this many replications a cell draws every one; above, one dot per 0.1-wide bin, sized by count. */
    static final int MAX_DOTS = 60;
    private static final double PAD = 4;

    private Svg() {
    }

    /** Composite 0–5 → x. */
    private static double x(double composite) {
        return PAD + Math.max(0, Math.min(5, composite)) / 5 * (CELL_WIDTH - 2 * PAD);
    }

    /** Difference −5…+5 → x, 0 in the middle. */
    private static double dx(double delta) {
        double half = (DELTA_WIDTH - 2 * PAD) / 2.0;
        return DELTA_WIDTH / 2.0 + Math.max(-5, Math.min(5, delta)) / 5 * half;
    }

    /** A cell: the range as a line, each scored attempt as a dot (binned when many), the median as a tick. */
    static void cell(StringBuilder out, CellStats c, double[] replications) {
        out.append("<svg class=\"plot cell-plot\" width=\"").append(CELL_WIDTH).append("\" height=\"20\" viewBox=\"0 0 ")
                .append(CELL_WIDTH).append(" 20\" role=\"img\" data-n=\"").append(c.n()).append('"');
        if (c.median() != null) {
            out.append(" data-median=\"").append(num(c.median())).append("\" data-min=\"").append(num(c.min()))
                    .append("\" data-max=\"").append(num(c.max())).append('"');
        }
        out.append("><title>").append(Html.escape(CellText.of(c))).append("</title>");
        out.append("<line class=\"axis\" x1=\"").append(num(x(0))).append("\" x2=\"").append(num(x(5)))
                .append("\" y1=\"17\" y2=\"17\"/>");
        if (c.median() != null) {
            out.append("<line class=\"range\" x1=\"").append(num(x(c.min()))).append("\" x2=\"")
                    .append(num(x(c.max()))).append("\" y1=\"10\" y2=\"10\"/>");
            if (replications.length <= MAX_DOTS) {
                for (int i = 0; i < replications.length; i++) {
                    double jitter = ((i * 7) % 5 - 2) * 1.5; // spread equal values apart, the same every time
                    out.append("<circle class=\"rep\" cx=\"").append(num(x(replications[i]))).append("\" cy=\"")
                            .append(num(10 + jitter)).append("\" r=\"2.4\" data-value=\"").append(num(replications[i]))
                            .append("\"/>");
                }
            } else {
                int[] bins = new int[51];
                for (double v : replications) {
                    bins[(int) Math.round(Math.max(0, Math.min(5, v)) * 10)]++;
                }
                int most = 0;
                for (int b : bins) {
                    most = Math.max(most, b);
                }
                for (int b = 0; b < bins.length; b++) {
                    if (bins[b] > 0) {
                        double r = 1.2 + 3.3 * Math.sqrt(bins[b] / (double) most);
                        out.append("<circle class=\"bin\" cx=\"").append(num(x(b / 10.0))).append("\" cy=\"10\" r=\"")
                                .append(num(r)).append("\" data-count=\"").append(bins[b]).append("\"/>");
                    }
                }
            }
            out.append("<line class=\"median\" x1=\"").append(num(x(c.median()))).append("\" x2=\"")
                    .append(num(x(c.median()))).append("\" y1=\"3\" y2=\"17\"/>");
        }
        out.append("</svg>");
    }

    /**
     * A per-task difference: the span every pair of attempts could give (harness min − flat max to harness max
     * − flat min), which misses 0 exactly when the ranges are disjoint, and the difference of medians on it.
     */
    static void delta(StringBuilder out, CellStats base, CellStats other, Delta d) {
        double[] spread = Delta.spread(base, other);
        String kind = d.singleAttempt() ? "single" : d.rangesDisjoint() ? "clear" : "overlap";
        interval(out, "delta-plot " + kind, spread[0], spread[1], d.value(), "spread");
    }

    /** The all-tasks difference: its 95 % interval and the mean. */
    static void summary(StringBuilder out, DeltaSummary s) {
        interval(out, "delta-plot summary", s.ciLow(), s.ciHigh(), s.delta(), "ci");
    }

    private static void interval(StringBuilder out, String cls, double low, double high, double value, String line) {
        out.append("<svg class=\"plot ").append(cls).append("\" width=\"").append(DELTA_WIDTH)
                .append("\" height=\"18\" viewBox=\"0 0 ").append(DELTA_WIDTH).append(" 18\" role=\"img\" data-low=\"")
                .append(num(low)).append("\" data-high=\"").append(num(high)).append("\" data-delta=\"").append(num(value))
                .append("\"><title>").append(CellText.signed(value)).append(" in [").append(CellText.signed(low))
                .append(", ").append(CellText.signed(high)).append("]</title>");
        out.append("<line class=\"zero\" x1=\"").append(num(dx(0))).append("\" x2=\"").append(num(dx(0)))
                .append("\" y1=\"1\" y2=\"17\"/>");
        out.append("<line class=\"").append(line).append("\" x1=\"").append(num(dx(low))).append("\" x2=\"")
                .append(num(dx(high))).append("\" y1=\"9\" y2=\"9\"/>");
        out.append("<circle class=\"point\" cx=\"").append(num(dx(value))).append("\" cy=\"9\" r=\"3\"/></svg>");
    }

    /** A bar for a lane total, {@code value} out of {@code max}. */
    static void bar(StringBuilder out, double value, double max) {
        double w = max <= 0 ? 0 : 60 * value / max;
        out.append("<svg class=\"plot bar\" width=\"62\" height=\"10\" viewBox=\"0 0 62 10\" aria-hidden=\"true\">")
                .append("<rect x=\"1\" y=\"1\" height=\"8\" width=\"").append(num(w)).append("\"/></svg>");
    }

    /** As raw.csv spells numbers: at most four decimals, no trailing zeros. */
    static String num(double v) {
        return RawCsvSchema.formatDouble(v);
    }
}
