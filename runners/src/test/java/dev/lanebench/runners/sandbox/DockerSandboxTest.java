package dev.lanebench.runners.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The docker backend keeps the bwrap backend's promises; it runs only where a Docker engine does. */
@Testcontainers(disabledWithoutDocker = true)
class DockerSandboxTest {
    @TempDir
    Path dir;

    private SandboxSession open(SandboxLimits limits) throws Exception {
        return new DockerSandbox().open(SandboxMounts.under(dir.resolve("workspace"), dir.resolve("scratch"),
                dir.resolve("sandbox")), limits);
    }

    @Test
    void agentWritesLandInTheWorkspaceAndNothingElseOfTheHostIsThere() throws Exception {
        Files.createDirectories(dir.resolve("secret-sibling"));
        Files.writeString(dir.resolve("secret-sibling/verify.py"), "grader");
        try (SandboxSession s = open(SandboxLimits.DEFAULTS)) {
            SandboxFixture.Ran r = SandboxFixture.bash(s, "pwd; echo made > note.txt; cat " + dir.resolve("secret-sibling/verify.py")
                    + " 2>&1; echo $HOME $TMPDIR");
            assertThat(r.code()).isZero();
            assertThat(r.output()).startsWith("/workspace\n").contains("/home/agent /tmp").doesNotContain("grader");
        }
        assertThat(dir.resolve("workspace/note.txt")).hasContent("made");
    }

    @Test
    void nothingACommandStartedOutlivesIt() throws Exception {
        try (SandboxSession s = open(SandboxLimits.DEFAULTS)) {
            SandboxFixture.bash(s, "setsid -f sleep 300; nohup sleep 301 > /dev/null 2>&1 & echo started");
            SandboxFixture.Ran after = SandboxFixture.bash(s, "ps -eo args | grep -c '^sleep 30[01]' || true");
            assertThat(after.output().strip()).isEqualTo("0");
        }
    }

    @Test
    void thereIsNoNetworkButTheProxyGate() throws Exception {
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", ex -> {
            byte[] b = "proxy says hi".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        proxy.start();
        try (SandboxSession s = open(SandboxLimits.DEFAULTS)) {
            int port = proxy.getAddress().getPort();
            String fetch = "import urllib.request\ntry:\n    print(urllib.request.urlopen('http://127.0.0.1:%d/', timeout=3).read().decode())\n"
                    .formatted(port) + "except Exception as e:\n    print('refused', type(e).__name__)\n";
            ExecSpec spec = ExecSpec.of(List.of("python3", "-c", fetch), s.environment(System.getenv()));
            assertThat(SandboxFixture.run(s, spec.withProxyPort(port), Duration.ofSeconds(30)).output()).contains("proxy says hi");
            assertThat(SandboxFixture.run(s, spec, Duration.ofSeconds(30)).output()).contains("refused");
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void fileSizeAndProcessesAreLimited() throws Exception {
        try (SandboxSession s = open(new SandboxLimits(512, 64, 16, null))) {
            SandboxFixture.Ran big = SandboxFixture.bash(s, "head -c 40000000 /dev/zero > big.bin; echo rc=$?");
            assertThat(big.output()).doesNotContain("rc=0");
            SandboxFixture.Ran fork = SandboxFixture.bash(s, "for i in $(seq 1 200); do sleep 5 & done 2>/dev/null; "
                    + "echo running $(ps -e --no-headers | wc -l)");
            assertThat(fork.output().lines().filter(l -> l.startsWith("running "))
                    .mapToInt(l -> Integer.parseInt(l.substring(8).trim())).max().orElse(0)).isLessThanOrEqualTo(64);
        }
        assertThat(Files.size(dir.resolve("workspace/big.bin"))).isLessThanOrEqualTo(16L * 1024 * 1024);
    }
}
