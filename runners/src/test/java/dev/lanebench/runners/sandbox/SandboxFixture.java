package dev.lanebench.runners.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Opens real sandbox sessions under a test folder and runs commands in them to the end. */
final class SandboxFixture {
    private SandboxFixture() {
    }

    static Sandbox bwrapOrSkip() {
        BwrapSandbox b = new BwrapSandbox();
        if (!b.readiness().ready()) {
            System.out.println("SKIPPED (bwrap sandbox): " + b.readiness().reason());
        }
        Assumptions.assumeTrue(b.readiness().ready(), "bwrap sandbox not ready: " + b.readiness().reason());
        return b;
    }

    static SandboxSession open(Sandbox sandbox, Path dir, SandboxLimits limits) throws IOException {
        return sandbox.open(SandboxMounts.under(dir.resolve("workspace"), dir.resolve("scratch"), dir.resolve("sandbox")), limits);
    }

    /** What a finished command printed, and how it ended. */
    record Ran(Supervisor.Exit exit, String output) {
        int code() {
            return exit.exitCode() == null ? -1 : exit.exitCode();
        }
    }

    static Ran bash(SandboxSession s, String script) throws IOException, InterruptedException {
        return run(s, ExecSpec.of(List.of("bash", "-c", script), s.environment(Map.of("PATH", System.getenv("PATH")))),
                Duration.ofSeconds(20));
    }

    static Ran run(SandboxSession s, ExecSpec spec, Duration timeout) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SandboxedProcess p = s.start(spec);
        Supervisor.Exit exit = Supervisor.supervise(p, (b, o, n) -> {
            synchronized (out) {
                out.write(b, o, n);
            }
        }, timeout, null, s);
        synchronized (out) {
            return new Ran(exit, out.toString(StandardCharsets.UTF_8));
        }
    }
}
