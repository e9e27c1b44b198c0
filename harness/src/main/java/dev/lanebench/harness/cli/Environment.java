package dev.lanebench.harness.cli;

import java.util.Map;

/**
 * The environment the command line works with: the process's own, or one a test hands in, so readiness and
 * secrets can be exercised without touching the real environment.
 */
final class Environment {
    private static volatile Map<String, String> current = System.getenv();

    private Environment() {
    }

    static Map<String, String> get() {
        return current;
    }

    static void set(Map<String, String> env) {
        current = Map.copyOf(env);
    }
}
