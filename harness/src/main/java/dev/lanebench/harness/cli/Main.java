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
            "  lanebench judge    score a run's quality with a judge panel"},
        subcommands = {RunCommand.class, CellCommand.class, TableCommand.class, ReportCommand.class,
            CompareCommand.class, JudgeCommand.class, TasksCommand.class,
            LanesCommand.class, TaskCommand.class, ProxyCommand.class,
            ExportCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every asked replication scored", "1:the run finished with infra or verify errors left",
            "2:bad usage or bad configuration"})
public final class Main implements Runnable {
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

    /** The harness version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lanebench " + HarnessVersion.get()};
        }
    }
}
