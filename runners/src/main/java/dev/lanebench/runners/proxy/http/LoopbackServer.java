package dev.lanebench.runners.proxy.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the JDK HTTP servers the proxy package runs on 127.0.0.1, with Nagle's algorithm off. The JDK server
 * leaves it on unless {@code sun.net.httpserver.nodelay} is set before its first use in the JVM; with it on,
 * every small write after the first waits for the peer's delayed ACK (about 40 ms on Linux), which makes each
 * streamed chunk late and a proxied request 40 ms slower.
 */
public final class LoopbackServer {
    private static final AtomicInteger THREADS = new AtomicInteger();

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LoopbackServer() {
    }

    /** A server on 127.0.0.1:{@code port} (0 for a free one), not yet started, with its own daemon threads. */
    public static HttpServer create(int port, String threadName) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        return server;
    }

    /** Stops a server made here and its threads. */
    public static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
