package dev.lanebench.runners.flat;

import dev.lanebench.runners.lane.Lane;
import java.time.Duration;

/**
 * A flat lane's knobs with their defaults applied.
 *
 * @param maxTurns       hard stop on model turns (lane max_turns, default 30)
 * @param maxTokens      max_tokens of the first request: lane max_tokens (default 8192), clamped to the model limit
 * @param tokenCeiling   the most max_tokens may be raised to after a reasoning-exhausted answer: the model's
 *                       max_output_tokens, else four times maxTokens
 * @param commandTimeout the run tool's per-command limit (lane command_timeout_s, default 120 s)
 * @param echoReasoning  send reasoning back in later turns (model echo_reasoning)
 */
record FlatSettings(int maxTurns, int maxTokens, int tokenCeiling, Duration commandTimeout, boolean echoReasoning) {
    static final int DEFAULT_MAX_TURNS = 30;
    static final int DEFAULT_MAX_TOKENS = 8192;
    static final int DEFAULT_COMMAND_TIMEOUT_S = 120;

    static FlatSettings of(Lane lane) {
        Integer limit = lane.model().maxOutputTokens();
        int asked = lane.spec().maxTokens() == null ? DEFAULT_MAX_TOKENS : lane.spec().maxTokens();
        int maxTokens = limit == null ? asked : Math.min(asked, limit);
        int ceiling = limit == null ? Math.max(maxTokens, maxTokens * 4) : limit;
        return new FlatSettings(
                lane.spec().maxTurns() == null ? DEFAULT_MAX_TURNS : lane.spec().maxTurns(),
                maxTokens,
                ceiling,
                Duration.ofSeconds(lane.spec().commandTimeoutS() == null
                        ? DEFAULT_COMMAND_TIMEOUT_S : lane.spec().commandTimeoutS()),
                lane.model().echoesReasoning());
    }
}
