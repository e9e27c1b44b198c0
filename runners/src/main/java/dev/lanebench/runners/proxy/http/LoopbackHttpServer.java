package dev.lanebench.runners.proxy.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on 127.0.0.1 for the proxy (and the local upstreams its tests and benchmark talk to):
 * one thread per connection reads each request and runs the handler on it, and a whole answer leaves in one
 * write. The JDK's server hands every request from a selector thread to a worker and back, and writes headers
 * and body separately; on a loopback hop that is most of what a proxy adds. Requests are read with keep-alive,
 * {@code Content-Length} or chunked bodies and {@code Expect: 100-continue}; answers carry a length or are
 * chunked streams. Sockets have Nagle's algorithm off, so small streamed chunks leave at once.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(ProxyExchange exchange) throws IOException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ServerSocket socket;
    private final Handler handler;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LoopbackHttpServer(ServerSocket socket, Handler handler, String threadName) {
        this.socket = socket;
        this.handler = handler;
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens on 127.0.0.1:{@code port} (0 for a free one) and serves until closed. */
    public static LoopbackHttpServer start(int port, String threadName, Handler handler) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
        LoopbackHttpServer server = new LoopbackHttpServer(s, handler, threadName);
        Thread accept = new Thread(server::accept, threadName + "-accept");
        accept.setDaemon(true);
        accept.start();
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            try {
                connections.execute(() -> serve(s));
            } catch (RuntimeException rejected) {
                close(s);
            }
        }
    }

    /** Serves the requests of one connection, one after the other, until either side closes it. */
    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            BufferedInputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            ProxyExchange.Connection connection = new ProxyExchange.Connection();
            while (!closed) {
                ProxyExchange ex = ProxyExchange.read(in, s.getOutputStream(), connection);
                if (ex == null) {
                    return;
                }
                try {
                    handler.handle(ex);
                } finally {
                    ex.finish();
                }
                if (!ex.keepAlive()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, sent something that is not HTTP, or the handler failed after answering
        } finally {
            open.remove(s);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Stops listening and closes every connection; safe to call twice. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(LoopbackHttpServer::close);
        connections.shutdownNow();
    }
}
