package dev.lanebench.runners.noop;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import java.util.Map;

/** The lane that does nothing: the floor every task must hold (no change, no credit). */
public final class NoopRunner implements Runner {
    @Override
    public Readiness readiness(Map<String, String> env) {
        return Readiness.ok();
    }

    @Override
    public AgentOutcome run(AgentTask task) {
        return AgentOutcome.finished(0);
    }

    @Override
    public boolean modelDriven() {
        return false;
    }
}
