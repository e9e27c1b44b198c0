package dev.lanebench.runners.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's one way out to its proxy: a folder of the harness's (shown read-only inside at
 * {@value BwrapSandbox#GATE}) holding {@code netgate.py} and one Unix socket per proxy port, each carried to that
 * port on the host by a {@link ProxyBridge}. A command that may reach the proxy is started behind the gate
 * script, which listens on 127.0.0.1:port inside and runs the command.
 */
final class ProxyGate implements AutoCloseable {
    private final Path dir;
    private final Map<Integer, ProxyBridge> bridges = new ConcurrentHashMap<>();

    /** @param dir the gate's host folder (made on first use) */
    ProxyGate(Path dir) {
        this.dir = dir;
    }

    /** The host folder to show at {@value BwrapSandbox#GATE}, with the script in it. */
    synchronized Path folder() throws IOException {
        if (!Files.isRegularFile(dir.resolve("netgate.py"))) {
            Files.createDirectories(dir);
            // The sandbox may run as a private uid: it must read the script and reach the sockets.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (InputStream script = ProxyGate.class.getResourceAsStream("netgate.py")) {
                if (script == null) {
                    throw new IOException("netgate.py missing from the runners jar");
                }
                Files.copy(script, dir.resolve("netgate.py"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** {@code command} started behind the gate for {@code port}, whose bridge is opened now if it is not yet. */
    synchronized List<String> command(int port, List<String> command) throws IOException {
        Path folder = folder();
        if (!bridges.containsKey(port)) {
            bridges.put(port, ProxyBridge.start(folder.resolve("proxy-" + port + ".sock"), port));
        }
        List<String> gated = new ArrayList<>(List.of("python3", BwrapSandbox.GATE + "/netgate.py",
                BwrapSandbox.GATE + "/proxy-" + port + ".sock", String.valueOf(port), "--"));
        gated.addAll(command);
        return gated;
    }

    @Override
    public synchronized void close() {
        bridges.values().forEach(ProxyBridge::close);
        bridges.clear();
    }
}
