package dev.lanebench.harness.cli;

/** Whether progress goes to a person at a terminal (a status line) or to a log (plain lines). */
final class Terminal {
    private Terminal() {
    }

    /**
     * The launcher tests stderr itself ({@code -Dlanebench.tty}), since the JVM can only ask about stdin and
     * stdout together — and {@code run > out.md} must still show a status line. Without the launcher, a JVM
     * with a console counts as a terminal.
     */
    static boolean stderrIsTerminal() {
        String tty = System.getProperty("lanebench.tty");
        return tty != null ? tty.equals("1") || tty.equals("true") : System.console() != null;
    }
}
