package dev.lanebench.runners.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox runner tests run their agents in: bwrap where it is ready (as in CI), else none, said once on
 * the console so a run's log shows which one was tested.
 */
public final class TestSandboxes {
    private static volatile Sandbox chosen;

    private TestSandboxes() {
    }

    public static Sandbox best() {
        if (chosen == null) {
            Sandbox b = new BwrapSandbox();
            chosen = b.readiness().ready() ? b : new NoSandbox();
            System.out.println("runner tests use sandbox " + chosen.name()
                    + (b.readiness().ready() ? "" : " (bwrap not ready: " + b.readiness().reason() + ")"));
        }
        return chosen;
    }

    /** Processes on the machine whose command line ends with {@code suffix} (e.g. a tagged {@code sleep 4321}). */
    public static List<ProcessHandle> running(String suffix) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.endsWith(suffix)).orElse(false))
                .filter(dev.lanebench.runners.process.ProcessTree::running)
                .toList();
    }

    /** A sleep duration no other test uses, to find its processes by command line. */
    public static String tag() {
        return String.valueOf(10_000 + (int) (Math.random() * 80_000));
    }

    /** The backends ready here, for tests that must hold on each. */
    public static java.util.stream.Stream<Sandbox> ready() {
        return java.util.stream.Stream.of(new NoSandbox(), (Sandbox) new BwrapSandbox()).filter(s -> s.readiness().ready());
    }

    /** A session over {@code workspace}, with HOME, TMPDIR and the control folder under {@code scratch}. */
    public static SandboxSession open(Path workspace, Path scratch, List<Path> readOnly) throws IOException {
        SandboxMounts m = SandboxMounts.under(workspace, scratch.resolve("agent"), scratch.resolve("sandbox"));
        for (Path p : readOnly) {
            m = m.withReadOnly(p);
        }
        return best().open(m, SandboxLimits.DEFAULTS);
    }
}
