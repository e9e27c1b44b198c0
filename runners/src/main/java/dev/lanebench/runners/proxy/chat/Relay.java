package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.http.ProxyError;
import dev.lanebench.runners.proxy.http.ProxyExchange;
import dev.lanebench.runners.proxy.http.SseStream;
import dev.lanebench.runners.upstream.Cancellation;
import dev.lanebench.runners.upstream.UpstreamException;
import dev.lanebench.runners.upstream.UpstreamResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Sends a front's chat request upstream and answers the client, the same way for both fronts: a whole answer in
 * the front's shape, or a stream translated and flushed chunk by chunk. A failure before anything was sent keeps
 * its HTTP status, in the front's error shape; once the stream has started it ends the stream the front's way.
 */
public final class Relay {

    /** What a front makes of a streamed answer. */
    public interface StreamTranslator {
        /** Translates one upstream chunk into events. */
        void onChunk(JsonNode chunk);

        /** Ends the answer after the upstream's last chunk. */
        void finish();

        /** Ends the stream with the front's failure event. */
        void fail(ProxyError error);
    }

    /** How a front words an error reply. */
    @FunctionalInterface
    public interface ErrorReply {
        void send(ProxyExchange ex, ProxyError error) throws IOException;
    }

    private Relay() {
    }

    /** A whole answer: {@code answer} turns the upstream's into the front's. */
    public static void whole(ProxyExchange ex, Route route, ObjectNode body, Instant deadline, Cancellation cancel,
                             Function<ChatAnswer, ObjectNode> answer, ErrorReply errors)
            throws IOException, InterruptedException {
        UpstreamResponse response;
        try {
            response = route.client().complete(body, deadline, cancel);
        } catch (UpstreamException e) {
            errors.send(ex, ProxyError.from(e));
            return;
        }
        ex.json(200, answer.apply(ChatAnswer.of(response.body())), null);
    }

    /** A streamed answer: {@code translator} is made over the event sink of the answer. */
    public static void streamed(ProxyExchange ex, Route route, ObjectNode body, Instant deadline, Cancellation cancel,
                                Function<BiConsumer<String, ObjectNode>, StreamTranslator> translator,
                                ErrorReply errors) throws IOException, InterruptedException {
        SseStream out = ex.sse();
        StreamTranslator t = translator.apply(out::event);
        try {
            route.client().stream(body, deadline, chunk -> {
                t.onChunk(chunk);
                out.flush();
            }, cancel);
            t.finish();
        } catch (UpstreamException e) {
            ProxyError error = ProxyError.from(e);
            if (!out.started()) {
                errors.send(ex, error);
                return;
            }
            // Mid-stream the status is already 200: the failure goes as the front's event (the claude CLI then
            // re-sends without streaming; codex retries on a server error).
            t.fail(error);
        }
        out.flush();
        out.close();
    }
}
