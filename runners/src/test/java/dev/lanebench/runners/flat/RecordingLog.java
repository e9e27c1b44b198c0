package dev.lanebench.runners.flat;

import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** An attempt log that keeps everything in memory, for assertions. */
final class RecordingLog implements AttemptLog {
    final List<TranscriptEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<ModelCall> calls = Collections.synchronizedList(new ArrayList<>());
    private final long start = System.nanoTime();

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

    List<TranscriptEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).collect(Collectors.toList());
    }

    List<ToolKind> toolKinds() {
        return ofType("tool_call").stream().map(TranscriptEvent::tool).collect(Collectors.toList());
    }
}
