package dev.lanebench.harness.lanes;

import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.sandbox.NoSandbox;
import dev.lanebench.runners.sandbox.Sandbox;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.Sandboxes;
import java.util.Map;

/**
 * The sandbox a lane's attempts run in: {@code --sandbox} when given, else the lane's {@code sandbox:}, else
 * the default (bwrap). A lane whose runner starts no agent process (oracle, noop) falls back to {@code none}
 * when the default is not ready here; every other lane needs its sandbox ready, and says why not.
 *
 * @param sandbox   the backend
 * @param limits    its limits (the lane's {@code sandbox_limits} over the defaults)
 * @param explicit  chosen by name (on the command line or in lanes.yaml) rather than by default
 */
public record LaneSandbox(Sandbox sandbox, SandboxLimits limits, boolean explicit) {

    public static LaneSandbox of(Lane lane, String override) {
        String named = override != null ? override : lane.spec().sandbox();
        Sandbox sandbox = Sandboxes.named(named != null ? named : Sandboxes.DEFAULT, lane.spec().sandboxImage());
        if (named == null && !RunnerFactory.create(lane).modelDriven() && !sandbox.readiness().ready()) {
            sandbox = new NoSandbox();
        }
        return new LaneSandbox(sandbox, lane.spec().limits(), named != null);
    }

    public String name() {
        return sandbox.name();
    }

    /** Whether the lane can run here: its runner, then its sandbox. */
    public static Readiness readiness(Lane lane, String override, Map<String, String> env) {
        Runner runner = RunnerFactory.create(lane);
        Readiness r = runner.readiness(env);
        if (!r.ready()) {
            return r;
        }
        LaneSandbox s = of(lane, override);
        Readiness sr = s.sandbox().readiness();
        if (!sr.ready()) {
            return Readiness.notReady("sandbox " + s.name() + ": " + sr.reason()
                    + (s.explicit() ? "" : " (or run it unsandboxed with --sandbox none)"));
        }
        return Readiness.ok();
    }
}
