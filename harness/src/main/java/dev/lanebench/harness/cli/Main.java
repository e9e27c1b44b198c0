package dev.lanebench.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The lanebench command line: the entry point of the shaded jar. */
@Command(name = "lanebench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Benchmark harness for agentic coding models: the same model through a flat loop and through an agent CLI.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The harness version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lanebench " + (v == null ? "dev" : v)};
        }
    }
}
