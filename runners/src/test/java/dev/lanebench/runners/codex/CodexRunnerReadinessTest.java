package dev.lanebench.runners.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness names what is missing, and the native binary is found inside an npm install's layout. */
class CodexRunnerReadinessTest {
    @TempDir
    Path tmp;

    private static Lane lane(String codexBin) {
        EndpointSpec ep = new EndpointSpec("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", Map.of(), Map.of());
        ModelSpec m = new ModelSpec("openrouter", "z-ai/glm-5.2", null, null);
        return new Lane("glm-codex", new LaneSpec("codex", "glm", null, null, null, null, null, null, null, null, codexBin),
                m, "glm", ep, m, ep);
    }

    private static Path executable(Path p, byte[] content) throws Exception {
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** An npm prefix as {@code npm install @openai/codex} lays it out, with a fake native binary. */
    private Path npmInstall() throws Exception {
        Path modules = tmp.resolve("tools/node_modules");
        Path script = executable(modules.resolve("@openai/codex/bin/codex.js"), "#!/usr/bin/env node\n".getBytes());
        executable(modules.resolve("@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex"),
                new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        Path bin = Files.createDirectories(modules.resolve(".bin"));
        Files.createSymbolicLink(bin.resolve("codex"), Path.of("../@openai/codex/bin/codex.js"));
        return script;
    }

    @Test
    void theKeyIsNamedWhenItIsMissing() {
        Readiness r = new CodexRunner(lane(null)).readiness(Map.of("PATH", "/nonexistent"));
        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).isEqualTo("OPENROUTER_API_KEY not set");
    }

    @Test
    void theBinaryIsNamedWhenItIsMissing() {
        Readiness r = new CodexRunner(lane(null)).readiness(Map.of("PATH", tmp.toString(), "OPENROUTER_API_KEY", "k"));
        assertThat(r.reason()).isEqualTo("codex not found on PATH");
        Readiness configured = new CodexRunner(lane(tmp.resolve("nope").toString()))
                .readiness(Map.of("OPENROUTER_API_KEY", "k"));
        assertThat(configured.reason()).isEqualTo("codex not found at " + tmp.resolve("nope") + " (lane codex_bin)");
    }

    @Test
    void theNpmScriptOnPathLeadsToTheNativeBinaryAndItsFolder() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "the fake install is the x64 layout");
        npmInstall();
        Path bin = tmp.resolve("tools/node_modules/.bin");
        Map<String, String> env = Map.of("PATH", bin.toString(), "OPENROUTER_API_KEY", "k");
        CodexRunner runner = new CodexRunner(lane(null));
        assertThat(runner.readiness(env).ready()).isTrue();
        Path folder = tmp.resolve("tools/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl").toRealPath();
        assertThat(runner.sandboxPaths(env)).containsExactly(folder);
        assertThat(CodexBinary.find(null, env).binary()).isEqualTo(folder.resolve("bin/codex"));
    }

    @Test
    void aScriptWithoutItsPlatformPackageIsNotReadyAndSaysWhy() throws Exception {
        Path script = executable(tmp.resolve("lonely/@openai/codex/bin/codex.js"), "#!/usr/bin/env node\n".getBytes());
        Readiness r = new CodexRunner(lane(script.toString())).readiness(Map.of("OPENROUTER_API_KEY", "k"));
        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).contains("codex native binary not found").contains("@openai/codex");
    }
}
