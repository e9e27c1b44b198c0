package dev.lanebench.scoring.tables;

import dev.lanebench.scoring.stats.CellStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** How a cell and its numbers read in the markdown tables: two decimals, spread and left-out attempts in view. */
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
}
