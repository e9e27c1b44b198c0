package dev.lanebench.harness.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.lane.EndpointSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider pin of an endpoint's body, and which served providers it allows. */
class ProviderPinTest {
    private static EndpointSpec endpoint(Map<String, Object> body) {
        return new EndpointSpec("https://openrouter.ai/api/v1", "K", Map.of(), body);
    }

    @Test
    void orderWithoutFallbacksIsAPinMatchedWithoutCaseOrPunctuation() {
        ProviderPin pin = ProviderPin.of(endpoint(Map.of("provider",
                Map.of("order", List.of("z-ai", "deepinfra/fp8"), "allow_fallbacks", false)))).orElseThrow();
        assertThat(pin.fallbacksOff()).isTrue();
        assertThat(pin.allows("Z.AI")).isTrue();
        assertThat(pin.allows("DeepInfra")).isTrue();
        assertThat(pin.allows("Novita")).isFalse();
        assertThat(pin.allows(null)).isFalse();
    }

    @Test
    void onlyWinsOverOrderAndAnEndpointWithoutProviderHasNoPin() {
        ProviderPin pin = ProviderPin.of(endpoint(Map.of("provider", Map.of("only", List.of("cerebras"),
                "order", List.of("z-ai"))))).orElseThrow();
        assertThat(pin.providers()).containsExactly("cerebras");
        assertThat(pin.fallbacksOff()).isFalse();
        assertThat(pin.toString()).contains("allow_fallbacks is not false");
        assertThat(ProviderPin.of(endpoint(Map.of("usage", Map.of("include", true))))).isEmpty();
        assertThat(ProviderPin.of(endpoint(Map.of("provider", Map.of("sort", "price"))))).isEmpty();
    }
}
