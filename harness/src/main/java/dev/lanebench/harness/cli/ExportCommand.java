package dev.lanebench.harness.cli;

import dev.lanebench.runners.lane.Lane;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.runners.proxy.CodexConfig;
import dev.lanebench.runners.proxy.LitellmExport;
import dev.lanebench.runners.proxy.StandaloneProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lanebench export litellm|codex --lane L}: a lane's setup for users who prefer the seed recipes' tools
 * (litellm in front of the model, a codex config pointing at a proxy).
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a lane's configuration for other tools.",
        subcommands = {ExportCommand.Litellm.class, ExportCommand.Codex.class})
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

        @Option(names = "--lane", required = true, paramLabel = "LANE", description = "A lane with a model (claude, codex, flat).")
        String lane;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            Lane l = config.lanes().lane(lane);
            if (l.model() == null) {
                throw new ConfigException("lane " + lane + " has no model to export (runner " + l.runner() + ")");
            }
            String yaml = LitellmExport.yaml(l, Environment.get());
            // a codex lane's entry carries use_chat_completions_api: litellm then serves codex's Responses API
            if (output == null) {
                System.out.print(yaml);
            } else {
                Files.writeString(output, yaml);
                System.out.println("wrote " + output);
            }
            return 0;
        }
    }

    @Command(name = "codex", mixinStandardHelpOptions = true,
            description = {"Write the codex CLI config for a lane: config.toml and a profile.",
                "config.toml defines a custom provider (wire_api = \"responses\") whose key",
                "is read from LANEBENCH_PROXY_TOKEN; <profile>.config.toml selects the",
                "lane's model through it, for `codex --profile <profile>`. Point it at",
                "`lanebench proxy --lane L` (the default) or at litellm with --base-url."})
    static final class Codex implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Option(names = "--lane", required = true, paramLabel = "LANE", description = "A lane with a model.")
        String lane;

        @Option(names = "--base-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:" + StandaloneProxy.DEFAULT_PORT + "/v1",
                description = "The Responses API base URL codex calls (default: ${DEFAULT-VALUE}, lanebench proxy).")
        String baseUrl;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR",
                description = "Write both files into DIR (e.g. ~/.codex) instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            Lane l = config.lanes().lane(lane);
            if (l.model() == null) {
                throw new ConfigException("lane " + lane + " has no model to export (runner " + l.runner() + ")");
            }
            if (!baseUrl.matches("https?://.+")) {
                throw new ConfigException("--base-url: '" + baseUrl + "' is not an http(s) URL");
            }
            CodexConfig.Files files = CodexConfig.files(l, baseUrl);
            String profileFile = files.profile() + ".config.toml";
            if (output == null) {
                System.out.print(files.configToml());
                System.out.println("# ---- " + profileFile + " ----");
                System.out.print(files.profileToml());
                return 0;
            }
            Files.createDirectories(output);
            Files.writeString(output.resolve("config.toml"), files.configToml());
            Files.writeString(output.resolve(profileFile), files.profileToml());
            System.out.println("wrote " + output.resolve("config.toml") + " and " + output.resolve(profileFile));
            return 0;
        }
    }
}
