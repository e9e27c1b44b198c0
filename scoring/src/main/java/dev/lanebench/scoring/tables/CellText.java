package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How cells, differences and totals read for people (markdown and html): two decimals, spread and left-out
 * attempts in view, every difference with what the replications allow one to say about it.
 */
final class CellText {
    static final String NO_SCORE = "—";

    private CellText() {
    }

    /**
     * {@code 4.16 (3.90–4.40, 2)}, {@code 4.16 (n=1)}, {@code 4.16 (3.90–4.40, 5, IQR 0.30)}; any left-out
     * attempts follow after a dot ({@code · 1 infra, 1 off-route}); a cell with no median reads
     * {@code — (2 infra)}; a lane that never attempted the task is blank.
     */
    static String of(CellStats c) {
        if (c == null) {
            return "";
        }
        String leftOut = leftOut(c);
        if (c.n() == 0) {
            return leftOut.isEmpty() ? NO_SCORE : NO_SCORE + " (" + leftOut + ")";
        }
        String spread;
        if (c.n() == 1) {
            spread = "(n=1)";
        } else {
            spread = "(" + two(c.min()) + "–" + two(c.max()) + ", " + c.n()
                    + (c.iqr() != null ? ", IQR " + two(c.iqr()) : "") + ")";
        }
        String text = two(c.median()) + " " + spread;
        return leftOut.isEmpty() ? text : text + " · " + leftOut;
    }

    private static String leftOut(CellStats c) {
        List<String> parts = new ArrayList<>();
        if (c.infraErrors() > 0) {
            parts.add(c.infraErrors() + " infra");
        }
        if (c.verifyErrors() > 0) {
            parts.add(c.verifyErrors() + " verify");
        }
        if (c.offRoute() > 0) {
            parts.add(c.offRoute() + " off-route");
        }
        return String.join(", ", parts);
    }

    /** The value as shown: rounded half-up to two decimals. */
    static BigDecimal shown(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    static String two(double value) {
        return shown(value).toPlainString();
    }

    /** {@code +1.66}, {@code -1.25}, {@code +0.00}: a difference always carries its sign, zero never a minus. */
    static String signed(BigDecimal value) {
        BigDecimal v = value.setScale(2, RoundingMode.HALF_UP);
        return v.signum() < 0 ? v.toPlainString() : "+" + v.abs().toPlainString();
    }

    static String signed(double value) {
        return signed(BigDecimal.valueOf(value));
    }

    /**
     * Δ of two cells as the page shows it: the difference of the two medians as printed (so each row adds up),
     * then {@code clear}, {@code overlap} or {@code n=1}; {@code —} without a delta.
     */
    static String delta(CellStats base, CellStats other, Delta d) {
        if (d == null) {
            return NO_SCORE;
        }
        return signed(shown(other.median()).subtract(shown(base.median()))) + " " + verdict(d);
    }

    /** What the replications say about a delta's direction. */
    static String verdict(Delta d) {
        return d.singleAttempt() ? "n=1" : d.rangesDisjoint() ? "clear" : "overlap";
    }

    /** The all-tasks Δ: the difference of the two means as printed, then {@code [low, high]}, then the moves. */
    static String summaryDelta(DeltaSummary s) {
        return signed(shown(s.otherMean()).subtract(shown(s.baseMean()))) + " [" + signed(s.ciLow()) + ", "
                + signed(s.ciHigh()) + "] · " + moves(s);
    }

    /** {@code up 3 (1 clear), down 2 (0 clear), same 1}. */
    static String moves(DeltaSummary s) {
        return "up " + s.up() + " (" + s.upClear() + " clear), down " + s.down() + " (" + s.downClear()
                + " clear), same " + s.same();
    }

    /** 950, 12.3k, 4.56M: token counts at a glance. */
    static String count(Long n) {
        if (n == null) {
            return NO_SCORE;
        }
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }

    /** 95 s, 43 min, 12.5 h. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return NO_SCORE;
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
