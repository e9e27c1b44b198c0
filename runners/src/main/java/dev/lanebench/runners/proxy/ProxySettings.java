package dev.lanebench.runners.proxy;

import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * What one proxy instance serves and how.
 *
 * @param main      the lane's main model: every request not routed to {@code small}
 * @param small     the lane's small model: requests whose model name contains "haiku"
 * @param env       where the upstream keys are read (by the upstream client; never handed out)
 * @param retry     the upstream client's retries; kept short because the CLIs retry on top
 * @param maxTokens the lane's max_tokens, a cap on top of each model's max_output_tokens (null: none)
 * @param token     the local bearer token a CLI must present; the only credential it ever sees
 * @param port      127.0.0.1 port to listen on, 0 for a free one
 * @param deadline  the attempt deadline: upstream calls are cut off there (null: none, standalone use)
 * @param maxBodyBytes the largest request body accepted; a longer one is answered 413
 */
public record ProxySettings(
        Upstream main, Upstream small, Map<String, String> env, RetryPolicy retry, Integer maxTokens,
        String token, int port, Instant deadline, int maxBodyBytes) {

    /** Room for a long conversation with a few base64 images, far below what would strain the heap. */
    public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

    /**
     * Two retries from one second, Retry-After honoured up to 30 s. With the CLI's own two retries
     * ({@code CLAUDE_CODE_MAX_RETRIES=2}) a failing upstream gets nine tries before the attempt gives up.
     */
    public static final RetryPolicy RETRY =
            new RetryPolicy(2, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), Duration.ofSeconds(30), 0.2);

    private static final SecureRandom RANDOM = new SecureRandom();

    public ProxySettings {
        env = Map.copyOf(env);
    }

    /** Settings with the default body cap. */
    public ProxySettings(Upstream main, Upstream small, Map<String, String> env, RetryPolicy retry, Integer maxTokens,
                         String token, int port, Instant deadline) {
        this(main, small, env, retry, maxTokens, token, port, deadline, DEFAULT_MAX_BODY_BYTES);
    }

    /** A lane's proxy on a free port with a fresh random token, no deadline. */
    public static ProxySettings forLane(Lane lane, Map<String, String> env) {
        return new ProxySettings(Upstream.main(lane), Upstream.small(lane), env, RETRY, lane.spec().maxTokens(),
                newToken(), 0, null);
    }

    public ProxySettings withPort(int p) {
        return new ProxySettings(main, small, env, retry, maxTokens, token, p, deadline, maxBodyBytes);
    }

    public ProxySettings withDeadline(Instant d) {
        return new ProxySettings(main, small, env, retry, maxTokens, token, port, d, maxBodyBytes);
    }

    public ProxySettings withRetry(RetryPolicy r) {
        return new ProxySettings(main, small, env, r, maxTokens, token, port, deadline, maxBodyBytes);
    }

    public ProxySettings withToken(String t) {
        return new ProxySettings(main, small, env, retry, maxTokens, t, port, deadline, maxBodyBytes);
    }

    public ProxySettings withMaxBodyBytes(int bytes) {
        return new ProxySettings(main, small, env, retry, maxTokens, token, port, deadline, bytes);
    }

    /** A random local token: 128 bits, prefixed so it is recognisable in a CLI's environment. */
    public static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "lanebench-local-" + HexFormat.of().formatHex(b);
    }

    /** Leaves out the environment (it holds the upstream keys) and the token, so logging settings is safe. */
    @Override
    public String toString() {
        return "ProxySettings[main=" + main.model().id() + ", small=" + small.model().id() + ", port=" + port
                + ", deadline=" + deadline + "]";
    }
}
