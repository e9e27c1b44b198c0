package dev.lanebench.harness.cli;

import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.proxy.LitellmExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanebench export litellm --lane L}: the litellm config equivalent to the built-in proxy for a lane. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a lane's configuration for other tools.",
        subcommands = {ExportCommand.Litellm.class})
final class ExportCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "litellm", mixinStandardHelpOptions = true,
            description = {"Write a litellm proxy config equivalent to the built-in proxy.",
                "model_list, drop_params: true, a local master key. The key itself is",
                "never written: the config names its environment variable."})
    static final class Litellm implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Option(names = "--lane", required = true, paramLabel = "LANE", description = "A flat or claude lane with a model.")
        String lane;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            Lane l = config.lanes().lane(lane);
            if (l.model() == null) {
                throw new dev.lanebench.harness.config.ConfigException("lane " + lane + " has no model to export (runner " + l.runner() + ")");
            }
            String yaml = LitellmExport.yaml(l, Environment.get());
            if (output == null) {
                System.out.print(yaml);
            } else {
                Files.writeString(output, yaml);
                System.out.println("wrote " + output);
            }
            return 0;
        }
    }
}
