package dev.lanebench.runners.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One client request to the proxy and the means to answer it: the body read up to a size cap, a whole JSON
 * answer, or a server-sent-events stream. Fronts answer only through this, so the HTTP details live in one place.
 */
public final class ProxyExchange {
    private final HttpExchange exchange;
    private final String path;
    private SseStream sse;

    /** The request's body was longer than the cap; nothing more of it is read. */
    public static final class BodyTooLarge extends Exception {
        private final long cap;

        BodyTooLarge(long cap) {
            super("request body over " + cap + " bytes");
            this.cap = cap;
        }

        public long cap() {
            return cap;
        }
    }

    public ProxyExchange(HttpExchange exchange) {
        this.exchange = exchange;
        String p = exchange.getRequestURI().getPath();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.path = p;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** The path without query or trailing slash ({@code /v1/messages?beta=true} reads {@code /v1/messages}). */
    public String path() {
        return path;
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /**
     * The request body, at most {@code cap} bytes. A longer body (by its Content-Length or as it is read) is
     * refused without reading the rest.
     */
    public byte[] body(int cap) throws IOException, BodyTooLarge {
        long declared = contentLength();
        if (declared > cap) {
            throw new BodyTooLarge(cap);
        }
        // One read into a buffer of the declared size (plus one byte to notice a body longer than declared).
        byte[] buf = new byte[declared >= 0 ? (int) declared + 1 : Math.min(cap + 1, 8192)];
        InputStream in = exchange.getRequestBody();
        int n = 0;
        int r;
        while ((r = in.read(buf, n, buf.length - n)) >= 0) {
            n += r;
            if (n > cap) {
                throw new BodyTooLarge(cap);
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(cap + 1L, buf.length * 2L));
            }
        }
        return Arrays.copyOf(buf, n);
    }

    private long contentLength() {
        String v = header("Content-Length");
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Answers with a whole JSON body. */
    public void json(int status, JsonNode body, String retryAfter) throws IOException {
        byte[] bytes = WireJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("retry-after", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    /** Answers 200 with no body (connectivity probes). */
    public void empty(int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    /** The event stream of this answer; its 200 goes out with the first event. */
    public SseStream sse() {
        if (sse == null) {
            sse = new SseStream(exchange);
        }
        return sse;
    }

    /** Parses a JSON object body; null when it is not one. */
    public static ObjectNode object(byte[] body) {
        try {
            JsonNode n = WireJson.MAPPER.readTree(body);
            return n instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }
}
