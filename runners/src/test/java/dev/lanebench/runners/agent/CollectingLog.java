package dev.lanebench.runners.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** An attempt log that keeps everything in memory, for tests to inspect. */
public final class CollectingLog implements AttemptLog {
    private final long start = System.nanoTime();
    public final List<TranscriptEvent> events = new CopyOnWriteArrayList<>();
    public final List<ModelCall> calls = new CopyOnWriteArrayList<>();

    @Override
    public void event(TranscriptEvent event) {
        events.add(event);
    }

    @Override
    public void modelCall(ModelCall call) {
        calls.add(call);
    }

    @Override
    public long elapsedMs() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    public List<ModelCall> okCalls() {
        return calls.stream().filter(ModelCall::ok).collect(Collectors.toList());
    }

    public List<TranscriptEvent> toolCalls() {
        return events.stream().filter(e -> "tool_call".equals(e.type())).collect(Collectors.toList());
    }

    /** Everything logged, as text, for "this string never appears" checks. */
    public String dump() {
        return events + "\n" + calls;
    }
}
