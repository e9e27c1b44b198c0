package dev.lanebench.runners.claude;

import static dev.lanebench.runners.proxy.UpstreamChunks.call;
import static dev.lanebench.runners.proxy.UpstreamChunks.finish;
import static dev.lanebench.runners.proxy.UpstreamChunks.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.proxy.ProxyFixture;
import dev.lanebench.runners.proxy.ScriptedUpstream.Answer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real claude CLI's strict stream parsing (the official SDK inside it) against the proxy, on the case that
 * used to break it: an upstream that numbers two parallel tool calls both {@code index: 0}. Skipped, with the
 * reason printed, where no claude CLI is installed.
 */
class ClaudeCliStreamParsingTest {
    @TempDir
    Path tmp;

    @Test
    void parallelToolCallsNumberedZeroAreRunBothByTheRealCli() throws Exception {
        ClaudeBinary.Lookup bin = ClaudeBinary.find(null, System.getenv());
        if (!bin.found()) {
            System.out.println("skipping the claude CLI stream test: " + bin.problem());
        }
        Assumptions.assumeTrue(bin.found(), bin.problem());
        try (ProxyFixture fx = new ProxyFixture(req -> {
            if (!ProxyFixture.MAIN.equals(req.path("model").asText())) {
                return Answer.text("ok");
            }
            boolean answered = false;
            for (JsonNode m : req.path("messages")) {
                answered |= "tool".equals(m.path("role").asText());
            }
            return answered ? Answer.text("Both files written.") : Answer.raw(null,
                    call(0, "call_a", "Write", ""), call(0, null, null, "{\"file_path\":\"a.txt\",\"content\":\"A\"}"),
                    call(0, "call_b", "Write", ""), call(0, null, null, "{\"file_path\":\"b.txt\",\"content\":\"B\"}"),
                    finish("tool_calls"), usage("{'prompt_tokens':10,'completion_tokens':5}"));
        })) {
            Path ws = Files.createDirectories(tmp.resolve("ws"));
            Map<String, String> agentEnv = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                    "HOME", Files.createDirectories(tmp.resolve("home")).toString(),
                    "TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString());
            ClaudeCommand cmd = ClaudeCommand.build(bin.path(), "Write a.txt and b.txt.", ProxyFixture.MAIN, 5,
                    fx.proxy.baseUrl(), fx.proxy.token(), agentEnv);
            ProcessBuilder pb = new ProcessBuilder(cmd.argv()).directory(ws.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(cmd.env());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).as(out).isZero();
            assertThat(ws.resolve("a.txt")).hasContent("A");
            assertThat(ws.resolve("b.txt")).hasContent("B");
            List<JsonNode> main = fx.upstream.requests.stream()
                    .filter(r -> ProxyFixture.MAIN.equals(r.path("model").asText())).toList();
            // A stream the SDK rejected would make the CLI retry without streaming.
            assertThat(main).allMatch(r -> r.path("stream").asBoolean(false));
            JsonNode second = main.get(main.size() - 1);
            List<String> results = new java.util.ArrayList<>();
            second.path("messages").forEach(m -> {
                if ("tool".equals(m.path("role").asText())) {
                    results.add(m.path("tool_call_id").asText());
                }
            });
            assertThat(results).containsExactly("call_a", "call_b");
        }
    }
}
