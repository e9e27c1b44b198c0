package dev.lanebench.runners.flat.tools;

import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import java.util.Map;

/**
 * One executed (or refused) tool call: what goes back to the model and what goes into the transcript (the
 * same content, capped).
 *
 * @param kind    the normalized kind the harness counts budgets by
 * @param name    the tool's name as the model called it
 * @param args    transcript arguments: path or command, never whole file contents
 * @param ok      the tool did what was asked (a command exited 0)
 * @param content the tool message sent back to the model
 * @param detail  transcript extras (exit code, bytes, refusal reason)
 */
public record ToolOutcome(ToolKind kind, String name, Map<String, Object> args, boolean ok, String content,
                          Map<String, Object> detail) {

    public TranscriptEvent event() {
        TranscriptEvent e = TranscriptEvent.toolCall(kind, name, args, ok).withResult(content);
        for (Map.Entry<String, Object> d : detail.entrySet()) {
            e = e.withDetail(d.getKey(), d.getValue());
        }
        return e;
    }
}
