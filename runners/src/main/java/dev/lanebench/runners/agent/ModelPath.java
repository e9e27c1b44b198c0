package dev.lanebench.runners.agent;

import java.time.Instant;
import java.util.Map;

/**
 * A runner's own road to its model — straight to the endpoint for the flat loop, through the built-in proxy for
 * an agent CLI — so one small real request can prove the road before a run pays for it (pre-flight).
 */
public interface ModelPath {

    /**
     * Sends one user message the way the runner's requests go, with the runner's own output budget. Every
     * upstream HTTP try goes to {@code log.modelCall}, as in an attempt.
     *
     * @param env      the harness's environment (keys are read from it, as by the runner)
     * @param deadline the request is cut off there
     */
    Answer ask(String prompt, Map<String, String> env, Instant deadline, AttemptLog log) throws InterruptedException;

    /**
     * What came back along the path.
     *
     * @param text      the visible answer ("" when none), null when no answer came back
     * @param reasoning whether reasoning came with the answer
     * @param cutOff    the answer stopped at its output budget ({@code finish_reason: length}, {@code max_tokens})
     * @param maxTokens the output budget asked for
     * @param error     why no answer came back (null when one did)
     */
    record Answer(String text, boolean reasoning, boolean cutOff, Integer maxTokens, String error) {
        public static Answer failed(Integer maxTokens, String error) {
            return new Answer(null, false, false, maxTokens, error);
        }
    }
}
