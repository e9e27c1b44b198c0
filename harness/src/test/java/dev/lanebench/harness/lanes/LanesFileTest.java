package dev.lanebench.harness.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.runners.lane.Lane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanesFileTest {
    @TempDir
    Path dir;

    private static final String VALID = """
            endpoints:
              openrouter: {base_url: https://openrouter.ai/api/v1, api_key_env: OPENROUTER_API_KEY}
            models:
              glm-5.2:
                endpoint: openrouter
                id: z-ai/glm-5.2
                price_per_mtok: {input: 1.40, output: 4.40, cached_input: 0.26}
                max_output_tokens: 131072
            lanes:
              glm-5.2-flat: {runner: flat, model: glm-5.2, max_turns: 30, max_tokens: 8192}
              glm-5.2-harness: {runner: claude, model: glm-5.2, small_model: glm-5.2}
              oracle: {runner: oracle}
              noop: {runner: noop}
            """;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("lanes.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void shippedLanesFileLoads() {
        LaneSet set = LanesFile.load(Path.of("../lanes.yaml"));
        assertThat(set.byName()).containsKeys("glm-5.2-flat", "glm-5.2-harness", "oracle", "noop");
        Lane flat = set.lane("glm-5.2-flat");
        assertThat(flat.model().id()).isEqualTo("z-ai/glm-5.2");
        assertThat(flat.endpoint().apiKeyEnv()).isEqualTo("OPENROUTER_API_KEY");
        assertThat(set.lane("glm-5.2-harness").smallModel().id()).isEqualTo("z-ai/glm-5.2");
        Lane codex = set.lane("glm-5.2-codex");
        assertThat(codex.runner()).isEqualTo("codex");
        assertThat(codex.model()).isEqualTo(flat.model());
    }

    @Test
    void aCodexLaneTakesAModelAndItsBinary() throws IOException {
        LaneSet set = LanesFile.load(write(VALID.replace("noop: {runner: noop}",
                "noop: {runner: noop}\n  glm-5.2-codex: {runner: codex, model: glm-5.2, codex_bin: /opt/codex/bin/codex}")));
        Lane codex = set.lane("glm-5.2-codex");
        assertThat(codex.spec().codexBin()).isEqualTo("/opt/codex/bin/codex");
        assertThat(codex.model().id()).isEqualTo("z-ai/glm-5.2");
        Path noModel = write(VALID.replace("noop: {runner: noop}", "noop: {runner: noop}\n  c: {runner: codex}"));
        assertThatThrownBy(() -> LanesFile.load(noModel)).hasMessageContaining("lanes.c.model: required for a codex lane");
    }

    @Test
    void resolvesModelsAndEndpoints() throws IOException {
        LaneSet set = LanesFile.load(write(VALID));
        assertThat(set.lane("glm-5.2-flat").model().price().cachedInput()).isEqualTo(0.26);
        assertThat(set.lane("oracle").model()).isNull();
    }

    @Test
    void unknownRunnerIsNamed() throws IOException {
        Path f = write(VALID.replace("runner: noop", "runner: nope"));
        assertThatThrownBy(() -> LanesFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lanes.yaml: lanes.noop.runner: 'nope' is not one of");
    }

    @Test
    void unknownModelReferenceIsNamed() throws IOException {
        Path f = write(VALID.replace("{runner: flat, model: glm-5.2", "{runner: flat, model: glm-9"));
        assertThatThrownBy(() -> LanesFile.load(f)).hasMessageContaining("lanes.glm-5.2-flat.model: no model 'glm-9' in models");
    }

    @Test
    void unknownEndpointReferenceIsNamed() throws IOException {
        Path f = write(VALID.replace("endpoint: openrouter", "endpoint: elsewhere"));
        assertThatThrownBy(() -> LanesFile.load(f)).hasMessageContaining("models.glm-5.2.endpoint: no endpoint 'elsewhere'");
    }

    @Test
    void unknownKeyInALaneIsNamed() throws IOException {
        Path f = write(VALID.replace("{runner: oracle}", "{runner: oracle, colour: red}"));
        assertThatThrownBy(() -> LanesFile.load(f)).hasMessageContaining("lanes.oracle.colour: unknown key");
    }

    @Test
    void missingRequiredModelIdIsNamed() throws IOException {
        Path f = write(VALID.replace("    id: z-ai/glm-5.2\n", ""));
        assertThatThrownBy(() -> LanesFile.load(f)).hasMessageContaining("models.glm-5.2.id: required key is missing");
    }

    @Test
    void wrongPriceTypeIsNamed() throws IOException {
        Path f = write(VALID.replace("input: 1.40,", "input: cheap,"));
        assertThatThrownBy(() -> LanesFile.load(f)).hasMessageContaining("models.glm-5.2.price_per_mtok.input: expected a number");
    }

    @Test
    void aKeyInsteadOfAnEnvNameIsRefused() throws IOException {
        Path f = write(VALID.replace("api_key_env: OPENROUTER_API_KEY", "api_key_env: sk-or-v1-abc.def"));
        assertThatThrownBy(() -> LanesFile.load(f)).hasMessageContaining("api_key_env: must be the NAME of an environment variable");
    }

    @Test
    void flatLaneWithoutModelIsNamed() throws IOException {
        Path f = write(VALID.replace("{runner: flat, model: glm-5.2, max_turns: 30, max_tokens: 8192}", "{runner: flat}"));
        assertThatThrownBy(() -> LanesFile.load(f)).hasMessageContaining("lanes.glm-5.2-flat.model: required for a flat lane");
    }
}
