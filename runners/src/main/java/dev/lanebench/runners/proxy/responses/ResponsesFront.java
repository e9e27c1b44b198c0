package dev.lanebench.runners.proxy.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.proxy.chat.InvalidRequestException;
import dev.lanebench.runners.proxy.chat.Relay;
import dev.lanebench.runners.proxy.chat.Route;
import dev.lanebench.runners.proxy.http.ProxyError;
import dev.lanebench.runners.proxy.http.ProxyExchange;
import dev.lanebench.runners.upstream.Cancellation;
import java.io.IOException;
import java.time.Instant;

/**
 * The Responses API front of the proxy, for the codex CLI: {@code POST /v1/responses}, streamed or whole,
 * always served by the lane's main model. Upstream failures before the answer started keep their HTTP status
 * (429 and 5xx are retried by the CLI, 400 is final); after it started they end the stream with
 * {@code response.failed}, whose error code tells the CLI the same.
 */
public final class ResponsesFront {
    private final Route route;
    private final Instant deadline;
    private final AttemptLog log;

    public ResponsesFront(Route route, Instant deadline, AttemptLog log) {
        this.route = route;
        this.deadline = deadline;
        this.log = log;
    }

    /** Answers one Responses request through the upstream. */
    public void create(ProxyExchange ex, ObjectNode request, Cancellation cancel) throws IOException, InterruptedException {
        ResponsesRequest translated;
        try {
            translated = ResponsesRequest.toChat(request, route.target());
        } catch (InvalidRequestException e) {
            log.event(TranscriptEvent.error("proxy: invalid Responses request: " + e.getMessage()));
            send(ex, ProxyError.invalidRequest(e.getMessage()));
            return;
        }
        if (request.path("stream").asBoolean(false)) {
            Relay.streamed(ex, route, translated.body(), deadline, cancel,
                    sink -> new ResponsesStream(sink, route.target().id(), translated.tools()), ResponsesFront::send);
        } else {
            Relay.whole(ex, route, translated.body(), deadline, cancel,
                    answer -> ResponsesAnswer.of(answer, route.target().id(), translated.tools()), ResponsesFront::send);
        }
    }

    /** An error in the OpenAI shape, with its status and Retry-After. */
    public static void send(ProxyExchange ex, ProxyError e) throws IOException {
        ex.json(e.status(), ResponsesShape.error(e), e.retryAfter());
    }
}
