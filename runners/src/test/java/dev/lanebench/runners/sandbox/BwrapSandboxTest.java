package dev.lanebench.runners.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bwrap backend holds its promises, each shown by what an agent would try. */
class BwrapSandboxTest {
    @TempDir
    Path dir;

    @Test
    void agentSeesOnlyItsFoldersAndWritesLandInTheWorkspace() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        Files.createDirectories(dir.resolve("secret-sibling"));
        Files.writeString(dir.resolve("secret-sibling/verify.py"), "grader");
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, SandboxLimits.DEFAULTS)) {
            SandboxFixture.Ran r = SandboxFixture.bash(s, "pwd; echo made > note.txt; ls / | tr '\\n' ' '; "
                    + "ls " + dir + " 2>&1; cat " + dir.resolve("secret-sibling/verify.py") + " 2>&1; echo $HOME $TMPDIR");
            assertThat(r.code()).isZero();
            assertThat(r.output()).startsWith("/workspace\n").contains("/home/agent /tmp")
                    .doesNotContain("grader").contains("No such file");
            assertThat(r.output()).doesNotContain("root ").doesNotContain("work ");
        }
        assertThat(dir.resolve("workspace/note.txt")).hasContent("made");
    }

    @Test
    void harnessProcessesAndTheirEnvironmentAreOutOfSight() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        String canary = "canary-" + UUID.randomUUID();
        Process host = new ProcessBuilder("sleep", "60").start();
        ProcessBuilder pb = new ProcessBuilder("sleep", "60");
        pb.environment().put("HARMLESS_LOOKING_NAME", canary);
        Process withSecret = pb.start();
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, SandboxLimits.DEFAULTS)) {
            SandboxFixture.Ran r = SandboxFixture.bash(s, "ls /proc | grep -c '^[0-9]'; cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'; "
                    + "cat /proc/" + withSecret.pid() + "/environ 2>&1; env");
            assertThat(r.output()).doesNotContain(canary);
            int processes = Integer.parseInt(r.output().lines().findFirst().orElseThrow().trim());
            assertThat(processes).isLessThan(6);
        } finally {
            host.destroyForcibly();
            withSecret.destroyForcibly();
        }
    }

    @Test
    void nothingTheCommandStartedOutlivesIt() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        String tag = String.valueOf(3000 + (int) (Math.random() * 5000));
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, SandboxLimits.DEFAULTS)) {
            SandboxFixture.Ran r = SandboxFixture.bash(s, "setsid -f sleep " + tag + "; (env -i setsid -f sleep " + tag
                    + " &); nohup sleep " + tag + " >/dev/null 2>&1 & disown; echo started");
            assertThat(r.output()).contains("started");
        }
        Thread.sleep(200);
        assertThat(sleepers(tag)).isEmpty();
    }

    @Test
    void killEndsTheWholeSandbox() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        String tag = String.valueOf(8000 + (int) (Math.random() * 1000));
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, SandboxLimits.DEFAULTS)) {
            SandboxFixture.Ran r = SandboxFixture.run(s, ExecSpec.of(List.of("bash", "-c",
                    "setsid -f sleep " + tag + "; sleep " + tag), s.environment(System.getenv())), Duration.ofMillis(700));
            assertThat(r.exit().timedOut()).isTrue();
        }
        assertThat(sleepers(tag)).isEmpty();
    }

    @Test
    void thereIsNoNetworkButTheProxyGate() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        HttpServer proxy = server("proxy says hi");
        HttpServer other = server("other service");
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, SandboxLimits.DEFAULTS)) {
            int proxyPort = proxy.getAddress().getPort();
            int otherPort = other.getAddress().getPort();
            String fetch = "import sys, urllib.request\nfor p in sys.argv[1:]:\n"
                    + "    try:\n        print(p, urllib.request.urlopen('http://127.0.0.1:%s/' % p, timeout=3).read().decode())\n"
                    + "    except Exception as e:\n        print(p, 'refused', type(e).__name__)\n";
            ExecSpec spec = ExecSpec.of(List.of("python3", "-c", fetch, String.valueOf(proxyPort), String.valueOf(otherPort)),
                    s.environment(System.getenv()));
            SandboxFixture.Ran gated = SandboxFixture.run(s, spec.withProxyPort(proxyPort), Duration.ofSeconds(20));
            assertThat(gated.output()).contains(proxyPort + " proxy says hi").contains(otherPort + " refused")
                    .doesNotContain("other service");
            SandboxFixture.Ran closed = SandboxFixture.run(s, spec, Duration.ofSeconds(20));
            assertThat(closed.output()).contains(proxyPort + " refused").doesNotContain("proxy says hi");
            SandboxFixture.Ran outside = SandboxFixture.bash(s, "getent hosts example.com || echo no-dns; "
                    + "ip -o link 2>/dev/null | grep -v ' lo:' | wc -l");
            assertThat(outside.output()).contains("no-dns");
        } finally {
            proxy.stop(0);
            other.stop(0);
        }
    }

    @Test
    void memoryAndFileSizeAreLimited() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, new SandboxLimits(512, null, 16, null))) {
            SandboxFixture.Ran mem = SandboxFixture.bash(s, "python3 -c 'b = bytearray(1024*1024*1024); print(\"allocated\")'");
            assertThat(mem.output()).contains("MemoryError").doesNotContain("allocated");
            SandboxFixture.Ran big = SandboxFixture.bash(s, "head -c 40000000 /dev/zero > big.bin; echo rc=$?");
            assertThat(big.output()).doesNotContain("rc=0");
        }
        assertThat(Files.size(dir.resolve("workspace/big.bin"))).isLessThanOrEqualTo(16L * 1024 * 1024);
    }

    @Test
    void processCountIsLimitedWhenRunningAsRoot() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        org.junit.jupiter.api.Assumptions.assumeTrue(BwrapSandbox.asRoot(), "process limits need a private uid (root)");
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, new SandboxLimits(null, 40, null, null))) {
            SandboxFixture.Ran r = SandboxFixture.bash(s, "for i in $(seq 1 100); do sleep 5 & done 2>/dev/null; "
                    + "echo running $(ls /proc | grep -c '^[0-9]')");
            // The fork bomb stops at the limit; a shell that cannot fork may not even print.
            assertThat(r.output().lines().filter(l -> l.startsWith("running "))
                    .mapToInt(l -> Integer.parseInt(l.substring(8).trim())).max().orElse(0)).isLessThanOrEqualTo(40);
        }
    }

    @Test
    void outgrowingTheWorkspaceStopsTheAgent() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, new SandboxLimits(null, null, 8, 20))) {
            SandboxFixture.Ran r = SandboxFixture.bash(s, "for i in $(seq 1 40); do head -c 4000000 /dev/zero > f$i; done; sleep 30");
            assertThat(r.exit().overLimit()).contains("20 MB");
            assertThat(r.exit().exitCode()).isNull();
        }
    }

    @Test
    void asRootTheAgentIsAPrivateUserThatCannotReadRootFiles() throws Exception {
        Sandbox sandbox = SandboxFixture.bwrapOrSkip();
        org.junit.jupiter.api.Assumptions.assumeTrue(BwrapSandbox.asRoot(), "only as root");
        try (SandboxSession s = SandboxFixture.open(sandbox, dir, SandboxLimits.DEFAULTS)) {
            SandboxFixture.Ran r = SandboxFixture.bash(s, "head -c 20 /etc/shadow 2>&1; echo; echo hi > mine.txt && echo wrote");
            assertThat(r.output()).contains("Permission denied").contains("wrote");
        }
        assertThat(Files.getAttribute(dir.resolve("workspace/mine.txt"), "unix:uid")).isNotEqualTo(0);
    }

    private static HttpServer server(String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        return s;
    }

    static List<ProcessHandle> sleepers(String tag) {
        return TestSandboxes.running("sleep " + tag);
    }
}
