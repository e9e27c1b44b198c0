package dev.lanebench.harness.run;

import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.secrets.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The harness side of {@link AttemptLog}: writes the attempt's normalized transcript line by line, copies
 * model calls to routes.jsonl, and keeps the counts the row is built from (tool calls per kind, model calls).
 */
public final class AttemptRecorder implements AttemptLog, AutoCloseable {
    private final JsonLinesFile transcript;
    private final JsonLinesFile routes;
    private final Map<String, Object> attemptKey;
    private final long startNanos = System.nanoTime();
    private final Map<ToolKind, Integer> toolCounts = new EnumMap<>(ToolKind.class);
    private final List<ModelCall> modelCalls = new ArrayList<>();
    private final AtomicInteger turns = new AtomicInteger();
    private final Consumer<ModelCall> observer;

    public AttemptRecorder(Path transcriptFile, JsonLinesFile routes, Map<String, Object> attemptKey, Redactor redactor)
            throws IOException {
        this(transcriptFile, routes, attemptKey, redactor, call -> { });
    }

    /** @param observer also told of every model call as it is recorded */
    public AttemptRecorder(Path transcriptFile, JsonLinesFile routes, Map<String, Object> attemptKey, Redactor redactor,
                           Consumer<ModelCall> observer) throws IOException {
        this.transcript = JsonLinesFile.create(transcriptFile, redactor);
        this.routes = routes;
        this.attemptKey = attemptKey;
        this.observer = observer;
    }

    @Override
    public synchronized void event(TranscriptEvent e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t_ms", elapsedMs());
        line.put("type", e.type());
        if (e.tool() != null) {
            line.put("tool", e.tool().wire());
            toolCounts.merge(e.tool(), 1, Integer::sum);
        }
        putIfPresent(line, "name", e.name());
        putIfPresent(line, "args", e.args());
        putIfPresent(line, "ok", e.ok());
        putIfPresent(line, "text", e.text());
        putIfPresent(line, "result", e.result());
        putIfPresent(line, "result_bytes", e.resultBytes());
        putIfPresent(line, "detail", e.detail());
        transcript.append(line);
    }

    @Override
    public synchronized void modelCall(ModelCall c) {
        modelCalls.add(c);
        if (c.ok() && !"small".equals(c.role())) {
            turns.incrementAndGet();
        }
        long t = elapsedMs();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t_ms", t);
        line.put("type", "model_call");
        line.putAll(callFields(c));
        transcript.append(line);
        if (routes != null) {
            routes.append(routeLine(attemptKey, t, c));
        }
        observer.accept(c);
    }

    /** A routes.jsonl line: the attempt's key, then when the call ended and what it was (also for judge calls). */
    public static Map<String, Object> routeLine(Map<String, Object> attemptKey, long tMs, ModelCall c) {
        Map<String, Object> route = new LinkedHashMap<>(attemptKey);
        route.put("t_ms", tMs);
        route.putAll(callFields(c));
        return route;
    }

    private static Map<String, Object> callFields(ModelCall c) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("role", c.role());
        line.put("model_requested", c.requestedModel());
        line.put("model_served", c.servedModel());
        line.put("provider", c.provider());
        line.put("status", c.status());
        line.put("ok", c.ok());
        line.put("latency_ms", c.latencyMs());
        line.put("input_tokens", c.inputTokens());
        line.put("cached_tokens", c.cachedTokens());
        line.put("output_tokens", c.outputTokens());
        line.put("reasoning_tokens", c.reasoningTokens());
        line.put("cost_usd", c.costUsd());
        line.put("cost_source", c.costSource());
        line.put("stop_reason", c.stopReason());
        putIfPresent(line, "error", c.error());
        return line;
    }

    @Override
    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Successful model calls of the lane's main model so far: the turns a live status line shows. */
    public int turnsSoFar() {
        return turns.get();
    }

    public synchronized Map<ToolKind, Integer> toolCounts() {
        return Map.copyOf(toolCounts);
    }

    public synchronized int toolCallTotal() {
        return toolCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized List<ModelCall> modelCalls() {
        return List.copyOf(modelCalls);
    }

    private static void putIfPresent(Map<String, Object> line, String key, Object value) {
        if (value != null) {
            line.put(key, value);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        transcript.close();
    }
}
