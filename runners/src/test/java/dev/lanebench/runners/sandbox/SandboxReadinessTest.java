package dev.lanebench.runners.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** Each backend says, where it cannot run, why not — in words a user can act on. */
class SandboxReadinessTest {
    @Test
    void withoutADockerEngineTheDockerBackendSaysSo() {
        Assumptions.assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine runs here");
        assertThat(new DockerSandbox().readiness().ready()).isFalse();
        assertThat(new DockerSandbox().readiness().reason()).contains("Docker engine");
    }

    @Test
    void everyBackendIsKnownByItsName() {
        for (String name : Sandboxes.NAMES) {
            assertThat(Sandboxes.named(name).name()).isEqualTo(name);
        }
        assertThat(new NoSandbox().isolates()).isFalse();
        assertThat(new BwrapSandbox().isolates()).isTrue();
        assertThat(new DockerSandbox().isolates()).isTrue();
    }
}
