package dev.lanebench.runners.proxy.chat;

import dev.lanebench.runners.lane.ModelSpec;

/**
 * What a front needs to know about the model a request goes to, to shape the request.
 *
 * @param id              the model id sent upstream
 * @param maxTokensCap    the most output tokens to ask for (the lane's max_tokens; the upstream client applies
 *                        the model's own limit), null for no lane cap
 * @param echoReasoning   send earlier reasoning back (lanes.yaml {@code echo_reasoning})
 * @param reasoningEffort the model takes {@code reasoning_effort} (lanes.yaml {@code reasoning: true})
 * @param pdfInput        the endpoint takes PDF file parts for this model (lanes.yaml {@code pdf_input: true})
 */
public record TargetModel(String id, Integer maxTokensCap, boolean echoReasoning, boolean reasoningEffort,
                          boolean pdfInput) {

    public static TargetModel of(ModelSpec model, Integer laneMaxTokens) {
        return new TargetModel(model.id(), laneMaxTokens, model.echoesReasoning(), model.takesReasoningEffort(),
                model.takesPdf());
    }

    /** The output tokens to ask for: what the client asked, capped by the lane; the cap when it asked none. */
    public Integer maxTokens(Integer requested) {
        if (requested == null) {
            return maxTokensCap;
        }
        return maxTokensCap == null ? requested : Math.min(requested, maxTokensCap);
    }
}
