package dev.lanebench.harness.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A judge's answer is read strictly: the asked-for JSON object or nothing, never a guess. */
class JudgeAnswerTest {
    static final Rubric R = JudgePanelTest.R;

    @Test
    void theObjectAloneOrInOneJsonFenceIsRead() {
        JudgeAnswer plain = JudgeAnswer.parse("{\"scores\": {\"Greeting written\": 5, \"Explained\": 2.5}, \"reason\": \"ok\"}", R);
        JudgeAnswer fenced = JudgeAnswer.parse("```json\n{\"scores\": {\"GREETING WRITTEN\": 5, \"Explained\": 2.5}}\n```", R);

        assertThat(plain.scores()).isEqualTo(Map.of("Greeting written", 5.0, "Explained", 2.5));
        assertThat(plain.reason()).isEqualTo("ok");
        assertThat(fenced.scores()).isEqualTo(plain.scores());
    }

    @Test
    void anythingElseIsUnparseableWithTheReason() {
        Map<String, String> cases = Map.of(
                "Here you go: {\"scores\": {\"Greeting written\": 5, \"Explained\": 5}}", "not a JSON object: \"Here you go:",
                "{\"scores\": {\"Greeting written\": 5, \"Explained\": 5}} and that is final", "not a JSON object",
                "{\"scores\": {\"Greeting written\": 5, \"Explained\": 5, \"Style\": 5}}", "unknown criterion \"Style\"",
                "{\"scores\": {\"Greeting written\": \"5\", \"Explained\": 5}}", "criterion \"Greeting written\": expected a number",
                "{\"scores\": {\"Greeting written\": -1, \"Explained\": 5}}", "criterion \"Greeting written\": expected a number",
                "{\"scores\": {\"Explained\": 1, \"Explained\": 5, \"Greeting written\": 5}}", "not a JSON object",
                "{\"score\": 5}", "no \"scores\" object",
                "", "empty answer",
                "```python\n{\"scores\": {}}\n```", "not a JSON object");
        cases.forEach((answer, why) -> {
            JudgeAnswer a = JudgeAnswer.parse(answer, R);
            assertThat(a.usable()).as(answer).isFalse();
            assertThat(a.error()).as(answer).startsWith(why);
        });
    }
}
