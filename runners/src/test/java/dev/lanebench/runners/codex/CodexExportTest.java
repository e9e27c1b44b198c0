package dev.lanebench.runners.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.proxy.CodexConfig;
import dev.lanebench.runners.proxy.ScriptedUpstream;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import dev.lanebench.runners.proxy.StandaloneProxy;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code lanebench export codex} writes works with the real codex CLI and {@code lanebench proxy}: the
 * profile reaches the lane's model through the proxy. Skipped, with the reason printed, without a codex CLI.
 */
class CodexExportTest {
    @TempDir
    Path tmp;

    @Test
    void theExportedProfileTalksToTheStandaloneProxy() throws Exception {
        CodexBinary.Found bin = CodexBinary.find(null, System.getenv());
        if (!bin.found()) {
            System.out.println("skipping the codex export test: " + bin.problem());
        }
        Assumptions.assumeTrue(bin.found(), bin.problem());
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Answer.text("Hello from the profile."))) {
            EndpointSpec ep = new EndpointSpec(upstream.baseUrl(), "LB_EXPORT_KEY", Map.of(), Map.of());
            ModelSpec m = new ModelSpec("scripted", "z-ai/glm-5.2", null, null);
            Lane lane = new Lane("glm-5.2-codex", new LaneSpec("codex", "glm", null, null, null, null, null), m, "glm",
                    ep, m, ep);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            try (StandaloneProxy proxy = StandaloneProxy.start(lane, Map.of("LB_EXPORT_KEY", "sk-export-secret"), 0,
                    new PrintStream(printed, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))) {
                String token = printed.toString(StandardCharsets.UTF_8).lines()
                        .filter(l -> l.startsWith(CodexConfig.TOKEN_ENV + "=")).findFirst().orElseThrow()
                        .substring(CodexConfig.TOKEN_ENV.length() + 1);
                CodexConfig.Files files = CodexConfig.files(lane, "http://127.0.0.1:" + proxy.port() + "/v1");
                Path codexHome = Files.createDirectories(tmp.resolve("home/.codex"));
                Files.writeString(codexHome.resolve("config.toml"), files.configToml());
                Files.writeString(codexHome.resolve(files.profile() + ".config.toml"), files.profileToml());
                ProcessBuilder pb = new ProcessBuilder(bin.binary().toString(), "exec", "--json", "--skip-git-repo-check",
                        "--ephemeral", "--profile", files.profile(), "Say hello.")
                        .directory(Files.createDirectories(tmp.resolve("ws")).toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectError(tmp.resolve("stderr.txt").toFile());
                pb.environment().clear();
                pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.resolve("home").toString(),
                        "CODEX_HOME", codexHome.toString(), CodexConfig.TOKEN_ENV, token));
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(out).as(out + Files.readString(tmp.resolve("stderr.txt")))
                        .contains("Hello from the profile.").contains("turn.completed");
                assertThat(upstream.requests).hasSize(1);
                assertThat(upstream.requests.get(0).path("model").asText()).isEqualTo("z-ai/glm-5.2");
            }
        }
    }
}
