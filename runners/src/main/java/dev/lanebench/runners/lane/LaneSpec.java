package dev.lanebench.runners.lane;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lanebench.runners.sandbox.SandboxLimits;

/**
 * A lane as written in lanes.yaml {@code lanes}: a runner kind and what it needs.
 *
 * @param runner           flat | claude | codex | oracle | noop
 * @param model            the model name (a key of {@code models}) for model-driven runners
 * @param smallModel       claude runner: the model that serves the CLI's small/background requests
 * @param maxTurns         hard stop on model turns (not a budget)
 * @param maxTokens        output tokens asked for per request (clamped to the model's limit)
 * @param commandTimeoutS  flat runner: per-command timeout of the run tool, default 120
 * @param claudeBin        claude runner: path of the claude binary when it is not on PATH
 * @param sandbox          the sandbox backend its agent processes run in (bwrap, docker, none); null: the default
 * @param sandboxLimits    the sandbox's resource limits; null fields take their defaults
 * @param sandboxImage     docker sandbox: the image to run the agent in (default: lanebench's own)
 * @param codexBin         codex runner: path of the codex CLI (its npm script or native binary) when not on PATH
 * @param maxCostUsd       no new attempt of this lane starts once its spend and in-flight estimates reach this
 */
public record LaneSpec(
        @JsonProperty(value = "runner", required = true) String runner,
        @JsonProperty("model") String model,
        @JsonProperty("small_model") String smallModel,
        @JsonProperty("max_turns") Integer maxTurns,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("command_timeout_s") Integer commandTimeoutS,
        @JsonProperty("claude_bin") String claudeBin,
        @JsonProperty("sandbox") String sandbox,
        @JsonProperty("sandbox_limits") SandboxLimits sandboxLimits,
        @JsonProperty("sandbox_image") String sandboxImage,
        @JsonProperty("codex_bin") String codexBin,
        @JsonProperty("max_cost_usd") Double maxCostUsd) {

    @JsonCreator
    public LaneSpec {
    }

    /** A lane with the default sandbox and limits. */
    public LaneSpec(String runner, String model, String smallModel, Integer maxTurns, Integer maxTokens,
                    Integer commandTimeoutS, String claudeBin) {
        this(runner, model, smallModel, maxTurns, maxTokens, commandTimeoutS, claudeBin, null, null, null, null, null);
    }

    /** A lane without a codex binary setting. */
    public LaneSpec(String runner, String model, String smallModel, Integer maxTurns, Integer maxTokens,
                    Integer commandTimeoutS, String claudeBin, String sandbox, SandboxLimits sandboxLimits,
                    String sandboxImage) {
        this(runner, model, smallModel, maxTurns, maxTokens, commandTimeoutS, claudeBin, sandbox, sandboxLimits,
                sandboxImage, null, null);
    }

    /** A lane without a cost cap of its own. */
    public LaneSpec(String runner, String model, String smallModel, Integer maxTurns, Integer maxTokens,
                    Integer commandTimeoutS, String claudeBin, String sandbox, SandboxLimits sandboxLimits,
                    String sandboxImage, String codexBin) {
        this(runner, model, smallModel, maxTurns, maxTokens, commandTimeoutS, claudeBin, sandbox, sandboxLimits,
                sandboxImage, codexBin, null);
    }

    public SandboxLimits limits() {
        return sandboxLimits == null ? SandboxLimits.DEFAULTS : sandboxLimits;
    }
}
