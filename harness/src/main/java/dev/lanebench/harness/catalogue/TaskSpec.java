package dev.lanebench.harness.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lanebench.runners.agent.Budgets;
import java.util.Map;

/** task.yaml as written (docs/reference.md, "A task"); {@link TaskLoader} validates it and applies defaults. */
public record TaskSpec(
        @JsonProperty("id") String id,
        @JsonProperty("title") String title,
        @JsonProperty("tier") String tier,
        @JsonProperty("kind") String kind,
        @JsonProperty("deadline_s") Integer deadlineS,
        @JsonProperty("reps") Integer reps,
        @JsonProperty("verify") VerifySpec verify,
        @JsonProperty("budgets") Budgets budgets,
        @JsonProperty("max_baseline") Double maxBaseline,
        @JsonProperty("decoys") Map<String, DecoySpec> decoys,
        @JsonProperty("allow_no_change") Boolean allowNoChange,
        @JsonProperty("source") String source) {

    /** How to run the task's grader: argv with cwd = verify/, and its time limit. */
    public record VerifySpec(
            @JsonProperty("command") java.util.List<String> command,
            @JsonProperty("timeout_s") Integer timeoutS) {
    }
}
