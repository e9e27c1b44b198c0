package dev.lanebench.runners;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import java.util.Map;

/** Stands for a runner kind that cannot run in this build; never ready, so no lane of it is ever run. */
final class UnavailableRunner implements Runner {
    private final String reason;

    UnavailableRunner(String reason) {
        this.reason = reason;
    }

    @Override
    public Readiness readiness(Map<String, String> env) {
        return Readiness.notReady(reason);
    }

    @Override
    public AgentOutcome run(AgentTask task) {
        return AgentOutcome.infra(reason);
    }
}
