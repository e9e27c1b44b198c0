package dev.lanebench.scoring.judge;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * scoring.yaml {@code judge:}: the panel of judge models (names of lanes.yaml {@code models}) that score the
 * {@code quality} of attempts at tasks with a rubric, and how they are asked.
 *
 * @param panel     the judge models, by their lanes.yaml names; at least one, no repeats
 * @param maxSpread the largest spread (highest − lowest member score) that is not flagged as a disagreement
 * @param maxTokens {@code max_tokens} of every judge request
 * @param timeoutS  how long one member may take to answer, retries included
 */
public record JudgeConfig(List<String> panel, double maxSpread, int maxTokens, double timeoutS) {
    /** A model name usable in a panel id, and so in a file name. */
    public static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    public static final double DEFAULT_MAX_SPREAD = 1.5;
    public static final int DEFAULT_MAX_TOKENS = 4096;
    public static final double DEFAULT_TIMEOUT_S = 300;

    public JudgeConfig {
        Objects.requireNonNull(panel, "panel");
        panel = List.copyOf(panel);
        if (panel.isEmpty()) {
            throw new IllegalArgumentException("judge.panel: at least one model");
        }
        if (new TreeSet<>(panel).size() != panel.size()) {
            throw new IllegalArgumentException("judge.panel: a model is named twice");
        }
        for (String m : panel) {
            if (!MODEL_NAME.matcher(m).matches()) {
                throw new IllegalArgumentException("judge.panel: '" + m + "' is not a plain model name");
            }
        }
        if (!(maxSpread >= 0) || Double.isInfinite(maxSpread)) {
            throw new IllegalArgumentException("judge.max_spread must be >= 0, got " + maxSpread);
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("judge.max_tokens must be > 0, got " + maxTokens);
        }
        if (!(timeoutS > 0) || Double.isInfinite(timeoutS)) {
            throw new IllegalArgumentException("judge.timeout_s must be > 0, got " + timeoutS);
        }
    }

    /** A panel of these models with the default settings. */
    public static JudgeConfig of(List<String> panel) {
        return new JudgeConfig(panel, DEFAULT_MAX_SPREAD, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_S);
    }

    /** The same settings with another panel (lanebench judge --panel). */
    public JudgeConfig withPanel(List<String> models) {
        return new JudgeConfig(models, maxSpread, maxTokens, timeoutS);
    }

    /**
     * The panel's name: its models sorted and joined with {@code +}, so the same set of judges always writes
     * the same judgement file whatever order it was listed in.
     */
    public String panelId() {
        return String.join("+", new TreeSet<>(panel));
    }
}
