package dev.lanebench.runners.flat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.flat.tools.ToolBox;
import dev.lanebench.runners.flat.tools.ToolOutcome;
import dev.lanebench.runners.upstream.UpstreamClient;
import dev.lanebench.runners.upstream.UpstreamException;
import dev.lanebench.runners.upstream.UpstreamResponse;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flat attempt's conversation: ask the model, carry out its tool calls, send the results back, until it
 * answers without tool calls, the lane's max_turns, or the deadline. Not reusable across attempts.
 */
final class FlatLoop {
    static final int MAX_REASONING_IN_TRANSCRIPT = 32_000;
    static final String REASONING_NUDGE = "Your last reply spent the whole output budget on reasoning and never "
            + "reached an answer or a tool call. Think less: take the next concrete step with a tool call, or give "
            + "your final summary.";
    static final String CUT_OFF_NUDGE = "Your last reply was cut off at the output limit. Continue from where "
            + "it stopped; if you are done, give a short final summary.";

    private final FlatSettings settings;
    private final UpstreamClient client;
    private final ToolBox tools;
    private final AttemptLog log;
    private final Instant deadline;
    private final ArrayNode messages = WireJson.MAPPER.createArrayNode();
    private final ArrayNode toolDefinitions = ToolBox.definitions();
    private int turns;
    private int maxTokens;
    private int lengthStops;

    FlatLoop(FlatSettings settings, UpstreamClient client, ToolBox tools, AttemptLog log, Instant deadline) {
        this.settings = settings;
        this.client = client;
        this.tools = tools;
        this.log = log;
        this.deadline = deadline;
        this.maxTokens = settings.maxTokens();
    }

    AgentOutcome run(String instruction) throws InterruptedException {
        messages.addObject().put("role", "system").put("content", SystemPrompt.text());
        messages.addObject().put("role", "user").put("content", instruction);
        while (true) {
            if (pastDeadline()) {
                return timedOut();
            }
            if (turns >= settings.maxTurns()) {
                return outcome("max_turns", "stopped at the lane's max_turns (" + settings.maxTurns() + ")");
            }
            UpstreamResponse response;
            try {
                response = client.complete(request(), deadline);
            } catch (UpstreamException e) {
                if (e.kind() == UpstreamException.Kind.DEADLINE || pastDeadline()) {
                    return timedOut();
                }
                log.event(TranscriptEvent.error("model call failed: " + e.getMessage())
                        .withDetail("status", e.status())
                        .withDetail("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .withDetail("retryable", e.retryable()).withDetail("tries", e.tries()));
                return outcome("upstream_error", e.getMessage());
            }
            turns++;
            AssistantTurn turn = AssistantTurn.from(response.message(), response.finishReason(), turns);
            record(turn, response);
            if (turn.hasToolCalls()) {
                if ("length".equals(turn.finishReason())) {
                    // Arguments were probably cut off; more room next time makes a repeat less likely.
                    raiseMaxTokens();
                }
                messages.add(assistantMessage(turn));
                for (AssistantTurn.ToolCallRequest call : turn.toolCalls()) {
                    ToolOutcome out = tools.execute(call.name(), call.arguments(), deadline);
                    log.event(out.event().withDetail("tool_call_id", call.id()).withDetail("turn", turns));
                    messages.addObject().put("role", "tool").put("tool_call_id", call.id())
                            .put("content", out.content());
                    if (pastDeadline()) {
                        return timedOut();
                    }
                }
                continue;
            }
            if ("length".equals(turn.finishReason())) {
                continueAfterLengthStop(turn, response);
                continue;
            }
            return outcome("answered", null);
        }
    }

    private ObjectNode request() {
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        body.set("messages", messages);
        body.set("tools", toolDefinitions);
        body.put("max_tokens", maxTokens);
        return body;
    }

    private void record(AssistantTurn turn, UpstreamResponse response) {
        if (turn.content().isEmpty() && turn.reasoning().isEmpty()) {
            return;
        }
        TranscriptEvent e = TranscriptEvent.assistantText(turn.content()).withDetail("turn", turns)
                .withDetail("finish_reason", turn.finishReason());
        if (!turn.reasoning().isEmpty()) {
            String r = turn.reasoning();
            e = e.withDetail("reasoning_field", turn.reasoningField())
                    .withDetail("reasoning_chars", r.length())
                    .withDetail("reasoning_tokens", response.call().reasoningTokens())
                    .withDetail("reasoning", r.length() <= MAX_REASONING_IN_TRANSCRIPT ? r
                            : r.substring(0, MAX_REASONING_IN_TRANSCRIPT) + "…");
        }
        log.event(e);
    }

    /** A length stop without tool calls is never the end: give the model more room, or ask it to go on. */
    private void continueAfterLengthStop(AssistantTurn turn, UpstreamResponse response) {
        lengthStops++;
        int before = maxTokens;
        boolean raised = raiseMaxTokens();
        String what;
        if (turn.reasoningExhausted()) {
            Long reasoningTokens = response.call().reasoningTokens();
            what = "the answer was empty: reasoning used the whole output budget of " + before + " tokens"
                    + (reasoningTokens == null ? "" : " (" + reasoningTokens + " reasoning tokens)")
                    + " before any visible answer or tool call; ";
            if (raised) {
                what += "asking again with max_tokens " + maxTokens;
            } else {
                what += "max_tokens is at the model's limit, so the model is asked to think less";
                messages.addObject().put("role", "user").put("content", REASONING_NUDGE);
            }
        } else {
            what = "the answer was cut off at max_tokens " + before + "; asking the model to continue"
                    + (raised ? " with max_tokens " + maxTokens : "");
            messages.addObject().put("role", "assistant").put("content", turn.content());
            messages.addObject().put("role", "user").put("content", CUT_OFF_NUDGE);
        }
        log.event(TranscriptEvent.error(what).withDetail("turn", turns).withDetail("finish_reason", "length")
                .withDetail("reasoning_exhausted", turn.reasoningExhausted())
                .withDetail("max_tokens", before).withDetail("next_max_tokens", maxTokens));
    }

    private boolean raiseMaxTokens() {
        int next = (int) Math.min(settings.tokenCeiling(), 2L * maxTokens);
        if (next <= maxTokens) {
            return false;
        }
        maxTokens = next;
        return true;
    }

    private ObjectNode assistantMessage(AssistantTurn turn) {
        ObjectNode m = WireJson.MAPPER.createObjectNode();
        m.put("role", "assistant");
        if (turn.content().isEmpty()) {
            // null rather than "": some gateways turn "" into an empty text block their upstream rejects.
            m.putNull("content");
        } else {
            m.put("content", turn.content());
        }
        if (settings.echoReasoning() && turn.reasoningField() != null) {
            m.put(turn.reasoningField(), turn.reasoning());
        }
        ArrayNode calls = m.putArray("tool_calls");
        for (AssistantTurn.ToolCallRequest c : turn.toolCalls()) {
            ObjectNode o = calls.addObject();
            o.put("id", c.id());
            o.put("type", "function");
            // Malformed arguments are echoed as {} so the history stays valid for providers that parse it;
            // the tool result tells the model what was wrong with what it sent.
            o.putObject("function").put("name", c.name()).put("arguments",
                    isJsonObject(c.arguments()) ? c.arguments() : "{}");
        }
        return m;
    }

    private static boolean isJsonObject(String s) {
        try {
            JsonNode n = WireJson.MAPPER.readTree(s);
            return n != null && n.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private boolean pastDeadline() {
        return !Instant.now().isBefore(deadline);
    }

    private AgentOutcome timedOut() {
        log.event(TranscriptEvent.error("stopped at the attempt deadline").withDetail("turn", turns));
        return new AgentOutcome(true, turns, null, "deadline reached", false, context("deadline"));
    }

    private AgentOutcome outcome(String reason, String error) {
        return new AgentOutcome(false, turns, null, error, false, context(reason));
    }

    private Map<String, String> context(String reason) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("terminal_reason", reason);
        c.put("length_stops", Integer.toString(lengthStops));
        c.put("final_max_tokens", Integer.toString(maxTokens));
        return c;
    }
}
