package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.run.HarnessVersion;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The lanebench command line: the entry point of the shaded jar, and where errors become exit codes. */
@Command(name = "lanebench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
            "Benchmark harness for agentic coding models: the same model driven through",
            "a thin tool loop (flat) and through a full agent CLI (claude), on the same",
            "tasks, several times, with the spread reported.",
            "",
            "Start with:",
            "  lanebench lanes    what can run here, and why not",
            "  lanebench tasks    the catalogue",
            "  lanebench run      the ready lanes x all tasks",
            "  lanebench table    the tables of the newest run again",
            "  lanebench report   the same as one html file, with every attempt linked",
            "  lanebench attempts RUN, lanebench show RUN TASK LANE",
            "                     why each attempt scored what it did",
            "  lanebench judge    score a run's quality with a judge panel",
            "  lanebench preflight  prove each model lane before a run pays for it"},
        subcommands = {RunCommand.class, CellCommand.class, PreflightCommand.class, MergeCommand.class,
            TableCommand.class, ReportCommand.class, CompareCommand.class, AttemptsCommand.class, ShowCommand.class,
            JudgeCommand.class, TasksCommand.class, LanesCommand.class, TaskCommand.class, ProxyCommand.class,
            ExportCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every asked replication scored", "1:the run finished with infra or verify errors left",
            "2:bad usage or bad configuration"})
public final class Main implements Runnable {
    /** The global options, given before the subcommand; every command that reads them also takes them after it. */
    @picocli.CommandLine.Mixin
    ConfigOptions config;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line with the process's environment and returns its exit code. */
    public static int execute(String... args) {
        return execute(System.getenv(), args);
    }

    /** Runs a command line and returns its exit code; bad input is one line on stderr, never a stack trace. */
    public static int execute(java.util.Map<String, String> env, String... args) {
        Environment.set(env);
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("lanebench: " + e.getMessage());
                return 2;
            }
            if (e instanceof UncheckedIOException u && u.getCause() != null) {
                cmd.getErr().println("lanebench: " + u.getCause().getMessage());
                return 1;
            }
            if (System.getenv("LANEBENCH_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("lanebench: internal error: " + e + " (set LANEBENCH_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * A command line picocli cannot parse: one line saying what is wrong and where help is, exit 2 — never the
     * usage text, which would bury the one line that matters.
     */
    static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage() == null ? "bad command line" : e.getMessage().lines().findFirst().orElse("");
        java.util.List<String> suggestions = java.util.List.of();
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            suggestions = u.getSuggestions();
            String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
            if (!cmd.getSubcommands().isEmpty() && !first.startsWith("-") && !u.isUnknownOption()) {
                message = "Unknown command: '" + first + "'";
                suggestions = cmd.getSubcommands().keySet().stream().filter(n -> closeTo(first, n)).toList();
            }
        }
        String hint = suggestions.isEmpty() ? ""
                : "did you mean " + String.join(" or ", suggestions.stream().limit(3).toList()) + "? ";
        cmd.getErr().println("lanebench: " + message + " (" + hint + "see " + cmd.getCommandSpec().qualifiedName()
                + " --help)");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A likely typo of name: one edit or swap apart (two for longer names), or the start of it. */
    private static boolean closeTo(String typed, String name) {
        if (typed.length() >= 2 && name.startsWith(typed)) {
            return true;
        }
        int[][] d = new int[typed.length() + 1][name.length() + 1];
        for (int i = 0; i <= typed.length(); i++) {
            for (int j = 0; j <= name.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = typed.charAt(i - 1) == name.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && typed.charAt(i - 1) == name.charAt(j - 2) && typed.charAt(i - 2) == name.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[typed.length()][name.length()] <= (name.length() > 4 ? 2 : 1);
    }

    /** The harness version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lanebench " + HarnessVersion.get()};
        }
    }
}
