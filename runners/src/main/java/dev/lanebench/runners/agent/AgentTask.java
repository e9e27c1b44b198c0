package dev.lanebench.runners.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.lanebench.runners.sandbox.SandboxSession;

/**
 * Everything a runner gets for one attempt.
 *
 * @param taskId        the catalogue id, for messages only
 * @param workspace     the fresh git workspace the agent works in; the only place it may write
 * @param instruction   the task's instruction.md, verbatim
 * @param solution      the task's solution/ folder; only the oracle may read it
 * @param deadline      agent wall-clock limit; the runner must return by then
 * @param budgets       the task's process budgets (counted by the harness, passed for information)
 * @param scratch       a private folder of the runner's outside the workspace (logs); the agent's HOME and
 *                      TMPDIR are the sandbox's
 * @param env           the harness's environment, the only place runners read secrets from; never handed on
 * @param log           where the runner writes its transcript events and model calls
 * @param sandbox       the attempt's sandbox: every process the agent controls starts there
 */
public record AgentTask(
        String taskId,
        Path workspace,
        String instruction,
        Optional<Path> solution,
        Duration deadline,
        Budgets budgets,
        Path scratch,
        Map<String, String> env,
        AttemptLog log,
        SandboxSession sandbox) {
}
