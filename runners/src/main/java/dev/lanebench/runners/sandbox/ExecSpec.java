package dev.lanebench.runners.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process to start in a sandbox.
 *
 * @param argv     the command line, as the agent's view resolves it (PATH inside the sandbox)
 * @param env      its whole environment, built from nothing (see {@link AgentEnvironment}); HOME and TMPDIR are
 *                 set by the session to the agent's view
 * @param stdin    bytes for standard input, or null for an empty input
 * @param stderr   a host file for standard error, or null to merge it into standard output
 * @param proxyPort the harness port on 127.0.0.1 the process may reach (the attempt's own proxy), or null for
 *                 no network at all
 */
public record ExecSpec(List<String> argv, Map<String, String> env, byte[] stdin, Path stderr, Integer proxyPort) {
    public ExecSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public static ExecSpec of(List<String> argv, Map<String, String> env) {
        return new ExecSpec(argv, env, null, null, null);
    }

    public ExecSpec withStdin(byte[] input) {
        return new ExecSpec(argv, env, input, stderr, proxyPort);
    }

    public ExecSpec withStderr(Path file) {
        return new ExecSpec(argv, env, stdin, file, proxyPort);
    }

    public ExecSpec withProxyPort(int port) {
        return new ExecSpec(argv, env, stdin, stderr, port);
    }
}
