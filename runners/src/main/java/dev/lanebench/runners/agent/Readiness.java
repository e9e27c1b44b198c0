package dev.lanebench.runners.agent;

/** Whether a lane can run on this machine, and why not when it cannot. */
public record Readiness(boolean ready, String reason) {
    public static Readiness ok() {
        return new Readiness(true, "ready");
    }

    public static Readiness notReady(String reason) {
        return new Readiness(false, reason);
    }
}
