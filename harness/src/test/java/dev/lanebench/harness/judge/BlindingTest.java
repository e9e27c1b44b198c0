package dev.lanebench.harness.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a judge is not shown: a lane's names, whole, in any case; ordinary words stay. */
class BlindingTest {
    @Test
    void theLanesNamesAreWithheldWholeAndOrdinaryWordsStay() {
        Blinding b = Blinding.of("glm-5.2-flat", "flat", "glm-5.2", List.of("z-ai/glm-5.2"));

        assertThat(b.apply("Ran as GLM-5.2-flat (z-ai/glm-5.2); glm-5.2 says: flatten the list, flat is fine."))
                .isEqualTo("Ran as [name withheld] ([name withheld]); [name withheld] says: flatten the list, flat is fine.");
        assertThat(b.apply("glm-5.20 and xglm-5.2")).as("only whole names").isEqualTo("glm-5.20 and xglm-5.2");
        assertThat(b.apply(null)).isNull();
    }

    @Test
    void anAgentCliRunnersNameIsWithheldButFlatOracleAndNoopAreNot() {
        assertThat(Blinding.of("h", "claude", "m", List.of()).apply("see CLAUDE.md")).isEqualTo("see [name withheld].md");
        assertThat(Blinding.of("h", "codex", "m", List.of()).apply("codex exec")).isEqualTo("[name withheld] exec");
        assertThat(Blinding.of("ref", "oracle", null, List.of()).names()).containsExactly("ref");
    }
}
