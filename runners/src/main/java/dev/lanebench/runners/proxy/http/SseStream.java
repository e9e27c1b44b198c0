package dev.lanebench.runners.proxy.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The server-sent-events side of one streamed answer. The 200 and its headers go out with the first event,
 * so an upstream that fails before answering can still be reported with a real error status. Events are
 * collected per upstream chunk and sent with {@link #flush()}, one write per chunk.
 */
public final class SseStream {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    /** Writes into the pending chunk without closing or flushing it, so one chunk's events leave in one write. */
    private static final ObjectWriter WRITER = WireJson.MAPPER.writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final ProxyExchange exchange;
    private OutputStream out;

    SseStream(ProxyExchange exchange) {
        this.exchange = exchange;
    }

    public boolean started() {
        return out != null;
    }

    /** Adds one event ({@code event: name} and its JSON data) to what the next flush sends. */
    public void event(String name, ObjectNode data) {
        try {
            if (out == null) {
                out = exchange.stream(200, "text/event-stream; charset=utf-8", Map.of("Cache-Control", "no-cache"));
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
