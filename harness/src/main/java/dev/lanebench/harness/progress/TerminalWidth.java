package dev.lanebench.harness.progress;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The terminal's width in columns, so the status line never wraps (a wrapped line cannot be redrawn in place). */
final class TerminalWidth {
    static final int FALLBACK = 100;

    private TerminalWidth() {
    }

    /** COLUMNS when exported, else what {@code stty size} says of /dev/tty, else {@value #FALLBACK}. */
    static int columns() {
        String env = System.getenv("COLUMNS");
        if (env != null && env.matches("\\d{2,4}")) {
            return Integer.parseInt(env);
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(2, TimeUnit.SECONDS) && out.matches("\\d+ \\d+")) {
                int cols = Integer.parseInt(out.split(" ")[1]);
                return cols >= 20 ? cols : FALLBACK;
            }
        } catch (java.io.IOException e) {
            return FALLBACK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FALLBACK;
    }
}
