package dev.lanebench.scoring.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanebench.scoring.judge.JudgeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scoring.yaml: the shipped defaults, and a one-line message naming file and field for each kind of mistake. */
class ScoringConfigTest {
    private static final String GOOD = """
            weights: {correctness: 0.6, process: 0.1, cost_eff: 0.1, time_eff: 0.1, quality: 0.1}
            cost_budget_usd: {t1_trivial: 0.05, t2_medium: 0.15}
            """;

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("scoring.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsEqualTheShippedScoringYaml() {
        // Maven runs tests in the module folder; the shipped file is at the repository root.
        assertThat(ScoringConfig.load(Path.of("..", "scoring.yaml"))).isEqualTo(ScoringConfig.defaults());
    }

    @Test
    void defaultsAreTheDesignWeights() {
        ScoringConfig d = ScoringConfig.defaults();
        assertThat(d.weights()).isEqualTo(new Weights(0.6, 0.1, 0.1, 0.1, 0.1));
        assertThat(d.budgetUsd("t4_frontier")).isEqualTo(0.60);
        assertThat(d.budgetUsd("private_review")).isNull();
    }

    @Test
    void loadsAValidFile() throws IOException {
        ScoringConfig c = ScoringConfig.load(file(GOOD.replace("correctness: 0.6", "correctness: 1")));

        assertThat(c.weights().correctness()).isEqualTo(1.0);
        assertThat(c.costBudgetUsd()).containsEntry("t2_medium", 0.15).hasSize(2);
    }

    @Test
    void wrongTypeNamesFileAndFieldOnOneLine() throws IOException {
        Path f = file(GOOD.replace("cost_eff: 0.1", "cost_eff: high"));

        assertThatThrownBy(() -> ScoringConfig.load(f))
                .isInstanceOf(ScoringConfigException.class)
                .hasMessage(f + ": weights.cost_eff: expected a number, got \"high\"");
    }

    @Test
    void quotedNumberIsAWrongType() throws IOException {
        Path f = file(GOOD.replace("t2_medium: 0.15", "t2_medium: '0.15'"));

        assertThatThrownBy(() -> ScoringConfig.load(f))
                .hasMessage(f + ": cost_budget_usd.t2_medium: expected a number, got \"0.15\"");
    }

    @Test
    void unknownKeysAreRejectedAtEveryLevel() throws IOException {
        Path top = file(GOOD + "weight: {}\n");
        assertThatThrownBy(() -> ScoringConfig.load(top)).hasMessageStartingWith(top + ": weight: unknown key");

        Path inner = file(GOOD.replace("quality: 0.1", "quality: 0.1, speed: 0.2"));
        assertThatThrownBy(() -> ScoringConfig.load(inner)).hasMessageStartingWith(inner + ": weights.speed: unknown key");
    }

    @Test
    void negativeWeightIsRejected() throws IOException {
        Path f = file(GOOD.replace("process: 0.1", "process: -0.1"));

        assertThatThrownBy(() -> ScoringConfig.load(f)).hasMessage(f + ": weights.process: must be >= 0, got -0.1");
    }

    @Test
    void zeroCorrectnessWeightIsRejected() throws IOException {
        Path f = file(GOOD.replace("correctness: 0.6", "correctness: 0"));

        assertThatThrownBy(() -> ScoringConfig.load(f)).hasMessageStartingWith(f + ": weights.correctness: must be > 0");
    }

    @Test
    void missingWeightAndNonPositiveBudgetAreRejected() throws IOException {
        Path missing = file(GOOD.replace(", quality: 0.1", ""));
        assertThatThrownBy(() -> ScoringConfig.load(missing)).hasMessage(missing + ": weights.quality: missing");

        Path zero = file(GOOD.replace("t1_trivial: 0.05", "t1_trivial: 0"));
        assertThatThrownBy(() -> ScoringConfig.load(zero))
                .hasMessage(zero + ": cost_budget_usd.t1_trivial: must be > 0, got 0");
    }

    @Test
    void brokenYamlDuplicateKeysEmptyAndMissingFilesGiveOneLineMessages() throws IOException {
        Path broken = file("weights: {correctness: 0.6\n");
        assertThatThrownBy(() -> ScoringConfig.load(broken))
                .hasMessageStartingWith(broken + ": ").hasMessageContaining("not valid YAML").hasMessageNotContaining("\n");

        Path dup = file(GOOD + GOOD);
        assertThatThrownBy(() -> ScoringConfig.load(dup))
                .hasMessageStartingWith(dup + ": ").hasMessageContaining("weights").hasMessageNotContaining("\n");

        Path empty = file("");
        assertThatThrownBy(() -> ScoringConfig.load(empty)).hasMessageStartingWith(empty + ": empty");

        Path none = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> ScoringConfig.load(none)).hasMessage(none + ": no such file");
    }

    @Test
    void aJudgePanelLoadsWithItsSettingsOrTheDefaults() throws IOException {
        ScoringConfig c = ScoringConfig.load(file(GOOD + """
                judge:
                  panel: [glm-5.2, deepseek]
                  max_spread: 1.0
                  max_tokens: 1024
                  timeout_s: 60
                """));
        assertThat(c.judge()).isEqualTo(new JudgeConfig(List.of("glm-5.2", "deepseek"), 1.0, 1024, 60));
        assertThat(c.judge().panelId()).isEqualTo("deepseek+glm-5.2");

        ScoringConfig d = ScoringConfig.load(file(GOOD + "judge: {panel: [deepseek]}\n"));
        assertThat(d.judge()).isEqualTo(JudgeConfig.of(List.of("deepseek")));
        assertThat(ScoringConfig.load(file(GOOD)).judge()).as("no judge: quality stays unmeasured").isNull();
    }

    @Test
    void aBadJudgeSectionNamesFileAndField() throws IOException {
        Map<String, String> cases = Map.of(
                "judge: {max_spread: 1}", "judge.panel: missing (a list of model names from lanes.yaml)",
                "judge: {panel: []}", "judge.panel: expected a non-empty list of model names, got a list",
                "judge: {panel: glm}", "judge.panel: expected a non-empty list of model names, got \"glm\"",
                "judge: {panel: [a, a]}", "judge.panel[1]: 'a' is already on the panel",
                "judge: {panel: [a, 3]}", "judge.panel[1]: expected a model name (letters, digits, '.', '_', '-'), got 3",
                "judge: {panel: [a], max_tokens: 1.5}", "judge.max_tokens: expected a whole number > 0, got 1.5",
                "judge: {panel: [a], max_spread: -1}", "judge.max_spread: must be >= 0, got -1",
                "judge: {panel: [a], timeout_s: 0}", "judge.timeout_s: must be > 0, got 0",
                "judge: {panel: [a], spread: 1}", "judge.spread: unknown key (expected one of panel, max_spread, max_tokens, timeout_s)",
                "judge: [a]", "judge: expected a mapping with panel, got a list");
        for (Map.Entry<String, String> e : cases.entrySet()) {
            Path f = file(GOOD + e.getKey() + "\n");
            assertThatThrownBy(() -> ScoringConfig.load(f)).as(e.getKey()).hasMessage(f + ": " + e.getValue());
        }
    }
}
