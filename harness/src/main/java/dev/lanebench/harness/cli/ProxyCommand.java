package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.proxy.StandaloneProxy;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lanebench proxy --lane L}: the built-in proxy on its own, serving a lane's model to a hand-driven claude
 * or codex CLI.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"Run the built-in proxy alone, serving a lane's model to a claude or codex CLI.",
            "Anthropic Messages (/v1/messages) and OpenAI Responses (/v1/responses) on",
            "127.0.0.1, calling the lane's OpenAI-compatible endpoint. Prints the env",
            "lines and command lines for both CLIs, then one line per upstream call.",
            "Stop with Ctrl-C. The upstream key stays in this process."})
final class ProxyCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--lane", required = true, paramLabel = "LANE", description = "A lane with a model (claude, codex, flat).")
    String lane;

    @Option(names = "--port", defaultValue = "" + StandaloneProxy.DEFAULT_PORT, description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        Lane l = config.lanes().lane(lane);
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port: " + port + " is not a port number");
        }
        StandaloneProxy proxy;
        try {
            proxy = StandaloneProxy.start(l, Environment.get(), port, System.out, System.out);
        } catch (IllegalStateException e) {
            throw new ConfigException("lane " + lane + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("--port " + port + ": cannot listen on 127.0.0.1 (" + e.getMessage() + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
