package dev.lanebench.harness.run;

import dev.lanebench.harness.judge.RunJudge;
import dev.lanebench.harness.lanes.LaneSandbox;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.secrets.Redactor;
import dev.lanebench.scoring.composite.ScoringConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every attempt of a run shares.
 *
 * @param dir            the run's results folder
 * @param workRoot       where attempt workspaces are made (outside the catalogue and the results)
 * @param routes         the run's routes.jsonl
 * @param redactor       removes secrets from everything written
 * @param env            the harness's environment (runners read keys from it; nothing else sees it)
 * @param scoring        composite weights and cost budgets
 * @param keepWorkspaces leave workspaces on disk for inspection
 * @param harnessVersion recorded in every row
 * @param sandboxes      each lane's sandbox, by lane name
 * @param judge          judges scored attempts of tasks with a rubric; null when no judge is configured
 */
public record RunContext(RunDirectory dir, Path workRoot, JsonLinesFile routes, Redactor redactor, Map<String, String> env,
                         ScoringConfig scoring, boolean keepWorkspaces, String harnessVersion,
                         Map<String, LaneSandbox> sandboxes, RunJudge judge) {

    /** A run without a judge. */
    public RunContext(RunDirectory dir, Path workRoot, JsonLinesFile routes, Redactor redactor, Map<String, String> env,
                      ScoringConfig scoring, boolean keepWorkspaces, String harnessVersion,
                      Map<String, LaneSandbox> sandboxes) {
        this(dir, workRoot, routes, redactor, env, scoring, keepWorkspaces, harnessVersion, sandboxes, null);
    }

    public LaneSandbox sandbox(Lane lane) {
        LaneSandbox s = sandboxes.get(lane.name());
        return s != null ? s : LaneSandbox.of(lane, null);
    }
}
