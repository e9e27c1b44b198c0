package dev.lanebench.runners.proxy;

import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.upstream.Upstream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in proxy for manual use ({@code lanebench proxy --lane L [--port 4141]}): the same
 * {@link MessagesProxy} the claude runner starts per attempt, serving one lane until stopped, printing the two
 * environment lines that point a {@code claude} CLI at it and one line per upstream call.
 */
public final class StandaloneProxy implements AutoCloseable {
    public static final int DEFAULT_PORT = 4141;

    private final MessagesProxy proxy;

    private StandaloneProxy(MessagesProxy proxy) {
        this.proxy = proxy;
    }

    /**
     * Starts serving {@code lane} on 127.0.0.1:{@code port} (0 for a free port) and prints the environment lines
     * to {@code out}; upstream calls are reported on {@code calls}.
     *
     * @throws IllegalStateException when the lane has no model or the key's environment variable is unset
     *                               (message: {@code "<ENV> not set"})
     * @throws IOException           when the port cannot be bound
     */
    public static StandaloneProxy start(Lane lane, Map<String, String> env, int port, PrintStream out, PrintStream calls)
            throws IOException {
        if (lane.model() == null) {
            throw new IllegalStateException("lane " + lane.name() + " has no model to serve");
        }
        for (Upstream u : List.of(Upstream.main(lane), Upstream.small(lane))) {
            Optional<String> missing = u.missingEnv(env);
            if (missing.isPresent()) {
                throw new IllegalStateException(missing.get());
            }
        }
        MessagesProxy proxy = MessagesProxy.start(ProxySettings.forLane(lane, env).withPort(port), new ConsoleLog(calls));
        StandaloneProxy p = new StandaloneProxy(proxy);
        p.envLines().forEach(out::println);
        out.flush();
        return p;
    }

    /** {@code ANTHROPIC_BASE_URL=…} and {@code ANTHROPIC_AUTH_TOKEN=…}, ready for {@code export} or {@code env}. */
    public List<String> envLines() {
        return List.of("ANTHROPIC_BASE_URL=" + proxy.baseUrl(), "ANTHROPIC_AUTH_TOKEN=" + proxy.token());
    }

    public int port() {
        return proxy.port();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
