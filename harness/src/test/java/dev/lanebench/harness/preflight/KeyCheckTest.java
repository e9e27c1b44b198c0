package dev.lanebench.harness.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lane's key variables, looked at before anything is sent. */
class KeyCheckTest {
    private static Lane lane(String baseUrl) {
        EndpointSpec e = new EndpointSpec(baseUrl, "KC_KEY", Map.of(), Map.of());
        ModelSpec m = new ModelSpec("e", "some/model", null, null);
        return new Lane("l", new LaneSpec("flat", "m", null, null, null, null, null), m, "m", e, m, e);
    }

    @Test
    void namesAMissingAnEmptyAndAMangledKey() {
        Lane lane = lane("https://example.invalid/v1");
        assertThat(KeyCheck.of(lane, Map.of())).hasValueSatisfying(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.MISSING_KEY);
            assertThat(f.detail()).isEqualTo("KC_KEY is not set");
        });
        assertThat(KeyCheck.of(lane, Map.of("KC_KEY", "  "))).hasValueSatisfying(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.EMPTY_KEY);
            assertThat(f.detail()).contains("Authorization: Bearer");
        });
        assertThat(KeyCheck.of(lane, Map.of("KC_KEY", "sk-abc\ncurl -H ..."))).hasValueSatisfying(f ->
                assertThat(f.verdict()).isEqualTo(Verdict.MALFORMED_KEY));
        assertThat(KeyCheck.of(lane, Map.of("KC_KEY", "sk-abc"))).isEmpty();
    }

    @Test
    void aBaseUrlVariableCountsToo() {
        Lane lane = lane("https://api.cloudflare.com/client/v4/accounts/${KC_ACCOUNT}/ai/v1");
        assertThat(KeyCheck.of(lane, Map.of("KC_KEY", "sk-abc"))).hasValueSatisfying(f ->
                assertThat(f.detail()).isEqualTo("KC_ACCOUNT is not set"));
    }
}
