package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.lanebench.runners.upstream.WireJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The server-sent-events side of one streamed answer. The 200 and its headers go out with the first event,
 * so an upstream that fails before answering can still be reported with a real error status. Events are
 * collected per upstream chunk and written with {@link #flush()}, one write per chunk.
 */
final class SseOut {
    private final HttpExchange exchange;
    private OutputStream out;

    SseOut(HttpExchange exchange) {
        this.exchange = exchange;
    }

    boolean started() {
        return out != null;
    }

    void event(String name, ObjectNode data) {
        try {
            if (out == null) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                out = new BufferedOutputStream(exchange.getResponseBody(), 8192);
            }
            out.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            out.write(WireJson.MAPPER.writeValueAsBytes(data));
            out.write('\n');
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
