package dev.lanebench.runners.proxy.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
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
public final class SseStream {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    /** Writes into the buffer without closing or flushing it, so one chunk's events leave in one write. */
    private static final ObjectWriter WRITER = WireJson.MAPPER.writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final HttpExchange exchange;
    private OutputStream out;

    SseStream(HttpExchange exchange) {
        this.exchange = exchange;
    }

    public boolean started() {
        return out != null;
    }

    /** Adds one event ({@code event: name} and its JSON data) to what the next flush sends. */
    public void event(String name, ObjectNode data) {
        try {
            if (out == null) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                out = new BufferedOutputStream(exchange.getResponseBody(), 8192);
            }
            out.write(EVENT);
            out.write(name.getBytes(StandardCharsets.US_ASCII));
            out.write(DATA);
            WRITER.writeValue(out, data);
            out.write(END);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
