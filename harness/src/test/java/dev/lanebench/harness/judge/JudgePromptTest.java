package dev.lanebench.harness.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The judge's request: what METHODOLOGY.md quotes is what is sent, and long work is shown head and tail. */
class JudgePromptTest {
    @Test
    void methodologyQuotesTheRequestAsSent() throws Exception {
        String methodology = Files.readString(Path.of("../METHODOLOGY.md"));

        assertThat(methodology).contains(JudgePrompt.SYSTEM.formatted("{fence}"));
        assertThat(methodology).contains(JudgePrompt.USER.formatted("{fence}", "{instruction.md}", "{verify/rubric.md}",
                "{the patch, or (no change)}", "{the final message, or (none)}", "{\"criterion 1\", \"criterion 2\", …}"));
    }

    @Test
    void aLongPatchKeepsItsHeadAndTailAndSaysHowMuchWasLeftOut() {
        String patch = "+head\n" + "x".repeat(JudgePrompt.MAX_PATCH_CHARS) + "\n+tail";
        JudgeSubject s = new JudgeSubject("Do it.", patch, null);

        String user = JudgePrompt.user(s, JudgePanelTest.R, "f00d");

        assertThat(user).contains("<<<WORK f00d BEGIN: patch>>>\n+head").contains("+tail\n<<<WORK f00d END>>>")
                .contains("[… " + (patch.length() - JudgePrompt.MAX_PATCH_CHARS) + " characters left out by lanebench …]")
                .contains("<<<WORK f00d BEGIN: final message>>>\n(none)\n<<<WORK f00d END>>>");
        assertThat(JudgePrompt.fence(s)).matches("[0-9a-f]{24}").isNotEqualTo(JudgePrompt.fence(s));
    }
}
