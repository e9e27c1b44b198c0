package dev.lanebench.harness.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanebench.harness.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** verify/rubric.md: the catalogue's rubric reads, and each kind of mistake is one line naming file and line. */
class RubricTest {
    static final Path FILE = Path.of("verify/rubric.md");

    @Test
    void theCataloguesDesignRubricReadsWithItsFiveWeightedCriteria() {
        Rubric r = Rubric.of(Path.of("../tasks/t5_review_design/agent-engine-design")).orElseThrow();

        assertThat(r.names()).containsExactly("Fits the system that exists", "Failure modes F1–F6",
                "Concurrency and component design", "Interface stubs", "Clarity and testability");
        assertThat(r.criteria()).extracting(Rubric.Criterion::weight).containsExactly(3.0, 3.0, 2.0, 1.5, 1.0);
        assertThat(r.criteria()).allMatch(c -> c.anchors().keySet().equals(java.util.Set.of("0", "2.5", "5")));
        assertThat(Rubric.of(Path.of("../tasks/t1_trivial/config-refactor"))).as("no rubric: not judged").isEmpty();
    }

    @Test
    void theScoreIsTheWeightedMeanOfTheCriteria() {
        Rubric r = Rubric.parse(FILE, JudgePanelTest.RUBRIC);

        assertThat(r.weightedMean(Map.of("Greeting written", 4.0, "Explained", 0.0))).isEqualTo(3.0);
    }

    @Test
    void eachMistakeNamesTheFileAndLine() {
        String good = JudgePanelTest.RUBRIC;
        Map<String, String> cases = Map.of(
                good.replace("# Rubric: Say hello", "# Say hello"), "line 1: expected '# Rubric: <task title>' first",
                good.replace("- 2.5: greeting.txt says something like hello.\n", ""),
                        "line 3: criterion 'Greeting written' has no anchor for 2.5",
                good.replace("(weight 3)", "(weight 0)"), "line 3: criterion 'Greeting written': weight must be > 0",
                good.replace("(weight 3)", "(heavy)"), "line 3: expected '## <criterion name> (weight <number>)'",
                good.replace("- 0: No final message.", "- 1: No final message."),
                        "line 9: expected an anchor '- 0: …', '- 2.5: …' or '- 5: …' under 'Explained'",
                good.replace("## Explained", "## greeting written"), "line 8: criterion 'greeting written' is named twice",
                good.replace("# Rubric: Say hello\n", "# Rubric: Say hello\nSome intro.\n"),
                        "line 2: text before the first '## <criterion> (weight <number>)'",
                "", "empty; expected '# Rubric: <task title>' and criteria");
        cases.forEach((text, message) -> assertThatThrownBy(() -> Rubric.parse(FILE, text)).as(message)
                .isInstanceOf(ConfigException.class).hasMessage(FILE + ": " + message));
    }
}
