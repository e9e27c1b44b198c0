package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.proxy.chat.InvalidRequestException;
import dev.lanebench.runners.proxy.chat.Relay;
import dev.lanebench.runners.proxy.chat.Route;
import dev.lanebench.runners.proxy.http.ProxyError;
import dev.lanebench.runners.proxy.http.ProxyExchange;
import dev.lanebench.runners.upstream.Cancellation;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.time.Instant;

/**
 * The Anthropic Messages front of the proxy, for the claude CLI: {@code POST /v1/messages} (streamed or not, any
 * query such as {@code ?beta=true}) and {@code POST /v1/messages/count_tokens} (an estimate). A request naming a
 * haiku model goes to the lane's small model, everything else to its main model.
 */
public final class MessagesFront {
    private final Route main;
    private final Route small;
    private final Instant deadline;
    private final AttemptLog log;

    public MessagesFront(Route main, Route small, Instant deadline, AttemptLog log) {
        this.main = main;
        this.small = small;
        this.deadline = deadline;
        this.log = log;
    }

    /** Answers one Messages request through the upstream. */
    public void messages(ProxyExchange ex, ObjectNode request, Cancellation cancel)
            throws IOException, InterruptedException {
        Route route = ModelRouting.isSmall(request.path("model").asText(null), main.target().id()) ? small : main;
        MessagesRequest translated;
        try {
            translated = MessagesRequest.toChat(request, route.target());
        } catch (InvalidRequestException e) {
            log.event(TranscriptEvent.error("proxy: invalid Messages request: " + e.getMessage()));
            send(ex, ProxyError.invalidRequest(e.getMessage()));
            return;
        }
        if (request.path("stream").asBoolean(false)) {
            Relay.streamed(ex, route, translated.body(), deadline, cancel,
                    sink -> new MessagesStream(sink, route.target().id(), translated.tools()), MessagesFront::send);
        } else {
            Relay.whole(ex, route, translated.body(), deadline, cancel,
                    answer -> MessagesAnswer.of(answer, route.target().id(), translated.tools()), MessagesFront::send);
        }
    }

    /** An estimate (about four characters per token): all the CLI uses it for is deciding when to compact. */
    public void countTokens(ProxyExchange ex, ObjectNode request) throws IOException {
        long chars = 0;
        for (String field : new String[] {"system", "messages", "tools"}) {
            JsonNode n = request.get(field);
            if (n != null) {
                chars += n.isTextual() ? n.asText().length() : n.toString().length();
            }
        }
        ex.json(200, WireJson.MAPPER.createObjectNode().put("input_tokens", Math.max(1, chars / 4)), null);
    }

    /** An error in the Anthropic shape, with its status and Retry-After. */
    public static void send(ProxyExchange ex, ProxyError e) throws IOException {
        ex.json(e.status(), AnthropicShape.error(e), e.retryAfter());
    }
}
