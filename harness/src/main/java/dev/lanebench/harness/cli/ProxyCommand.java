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

/** {@code lanebench proxy --lane L}: the built-in Anthropic-to-OpenAI proxy on its own, for a hand-driven claude CLI. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"Run the built-in proxy alone, serving a lane's model to a claude CLI.",
            "An Anthropic Messages endpoint on 127.0.0.1 that calls the lane's",
            "OpenAI-compatible endpoint. Prints the two env lines to put before",
            "`claude`, then one line per upstream call. Stop with Ctrl-C. The upstream",
            "key stays in this process."})
final class ProxyCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--lane", required = true, paramLabel = "LANE", description = "A flat or claude lane with a model.")
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
        System.out.println("# then: claude --model " + l.model().id() + " ...   (Ctrl-C here stops the proxy)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
