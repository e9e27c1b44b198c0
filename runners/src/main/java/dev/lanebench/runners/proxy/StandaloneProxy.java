package dev.lanebench.runners.proxy;

import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.upstream.Upstream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in proxy for manual use ({@code lanebench proxy --lane L [--port 4141]}): the same
 * {@link ProxyServer} the claude and codex runners start per attempt, serving one lane until stopped. It prints
 * the environment lines and command lines that point a {@code claude} or {@code codex} CLI at it, then one line
 * per upstream call.
 */
public final class StandaloneProxy implements AutoCloseable {
    public static final int DEFAULT_PORT = 4141;

    private final ProxyServer proxy;
    private final Lane lane;

    private StandaloneProxy(ProxyServer proxy, Lane lane) {
        this.proxy = proxy;
        this.lane = lane;
    }

    /**
     * Starts serving {@code lane} on 127.0.0.1:{@code port} (0 for a free port) and prints the environment lines
     * and how to use them to {@code out}; upstream calls are reported on {@code calls}.
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
        ProxyServer proxy = ProxyServer.start(ProxySettings.forLane(lane, env).withPort(port), new ConsoleLog(calls));
        StandaloneProxy p = new StandaloneProxy(proxy, lane);
        p.envLines().forEach(out::println);
        p.usageLines().forEach(out::println);
        out.flush();
        return p;
    }

    /**
     * {@code ANTHROPIC_BASE_URL=…} and {@code ANTHROPIC_AUTH_TOKEN=…} for claude, {@code LANEBENCH_PROXY_TOKEN=…}
     * for codex: ready for {@code export} or {@code env}.
     */
    public List<String> envLines() {
        return List.of("ANTHROPIC_BASE_URL=" + proxy.baseUrl(), "ANTHROPIC_AUTH_TOKEN=" + proxy.token(),
                CodexConfig.TOKEN_ENV + "=" + proxy.token());
    }

    /** Comment lines: how each CLI is started against this proxy. */
    public List<String> usageLines() {
        String model = lane.model().id();
        List<String> lines = new ArrayList<>();
        lines.add("# claude (Messages API): with the ANTHROPIC_* lines set, run  claude --model " + model + " ...");
        StringBuilder codex = new StringBuilder("# codex (Responses API): with " + CodexConfig.TOKEN_ENV + " set, run  codex -m " + model);
        for (String arg : CodexConfig.inlineArgs(proxy.openAiBaseUrl(), 4)) {
            codex.append(' ').append(arg.startsWith("-") ? arg : "'" + arg + "'");
        }
        lines.add(codex.append(" ...").toString());
        lines.add("# (Ctrl-C stops the proxy; the upstream key stays in this process)");
        return lines;
    }

    public int port() {
        return proxy.port();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
