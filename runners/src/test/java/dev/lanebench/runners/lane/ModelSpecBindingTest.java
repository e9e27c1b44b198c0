package dev.lanebench.runners.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ModelSpecBindingTest {
    // Strict, as the harness binds lanes.yaml.
    private final ObjectMapper strict = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void echoReasoningBindsAndDefaultsToOff() throws Exception {
        ModelSpec on = strict.readValue("{\"endpoint\":\"zai\",\"id\":\"glm-5.2\",\"echo_reasoning\":true,"
                + "\"max_output_tokens\":131072,\"price_per_mtok\":{\"input\":1.4,\"output\":4.4}}", ModelSpec.class);
        ModelSpec off = strict.readValue("{\"endpoint\":\"zai\",\"id\":\"glm-5.2\"}", ModelSpec.class);

        assertThat(on.echoesReasoning()).isTrue();
        assertThat(on.maxOutputTokens()).isEqualTo(131072);
        assertThat(off.echoesReasoning()).isFalse();
        assertThat(new ModelSpec("zai", "glm-5.2", null, null).echoesReasoning()).isFalse();
    }

    @Test
    void unknownModelKeysAreStillRejected() {
        assertThatThrownBy(() -> strict.readValue("{\"endpoint\":\"zai\",\"id\":\"x\",\"echo_reasoning_x\":true}",
                ModelSpec.class)).hasMessageContaining("echo_reasoning_x");
    }
}
