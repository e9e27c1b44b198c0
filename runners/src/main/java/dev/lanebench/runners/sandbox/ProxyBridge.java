package dev.lanebench.runners.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The harness's end of a sandbox's only way out: a Unix socket, bound into the sandbox, whose every
 * connection is carried to one port on the host's 127.0.0.1 (the attempt's proxy). A sandbox without a
 * network can reach that port and nothing else.
 */
final class ProxyBridge implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socket;
    private final int port;
    private final Thread acceptor;

    private ProxyBridge(ServerSocketChannel server, Path socket, int port) {
        this.server = server;
        this.socket = socket;
        this.port = port;
        this.acceptor = new Thread(this::acceptLoop, "sandbox-bridge-" + port);
        this.acceptor.setDaemon(true);
    }

    /** Listens on {@code socket} (which must not exist) and carries connections to 127.0.0.1:{@code port}. */
    static ProxyBridge start(Path socket, int port) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        // The sandbox may run as a private uid; the socket's folder is what keeps other users out.
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        ProxyBridge bridge = new ProxyBridge(server, socket, port);
        bridge.acceptor.start();
        return bridge;
    }

    int port() {
        return port;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel inside;
            try {
                inside = server.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket proxy = new Socket(InetAddress.getLoopbackAddress(), port);
                proxy.setTcpNoDelay(true);
                pipe(inside, proxy);
            } catch (IOException e) {
                closeQuietly(inside);
            }
        }
    }

    private static void pipe(SocketChannel inside, Socket proxy) throws IOException {
        InputStream fromProxy = proxy.getInputStream();
        OutputStream toProxy = proxy.getOutputStream();
        Thread up = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try {
                while (inside.read(buf) >= 0) {
                    buf.flip();
                    toProxy.write(buf.array(), 0, buf.limit());
                    toProxy.flush();
                    buf.clear();
                }
                proxy.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(proxy);
            }
        }, "sandbox-bridge-up");
        Thread down = new Thread(() -> {
            byte[] b = new byte[64 * 1024];
            try {
                int n;
                while ((n = fromProxy.read(b)) >= 0) {
                    ByteBuffer out = ByteBuffer.wrap(b, 0, n);
                    while (out.hasRemaining()) {
                        inside.write(out);
                    }
                }
                inside.shutdownOutput();
            } catch (IOException e) {
                // the agent side went away
            } finally {
                closeQuietly(inside);
                closeQuietly(proxy);
            }
        }, "sandbox-bridge-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // the folder goes with the attempt
        }
    }
}
