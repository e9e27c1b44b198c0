package dev.lanebench.runners.proxy;

import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.TranscriptEvent;
import java.io.PrintStream;
import java.util.Locale;

/** The attempt log of the standalone proxy: one line per upstream call or proxy error, for a person to watch. */
final class ConsoleLog implements AttemptLog {
    private final PrintStream out;
    private final long start = System.nanoTime();

    ConsoleLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void event(TranscriptEvent event) {
        out.println("[proxy] " + event.type() + ": " + (event.text() == null ? "" : event.text()));
    }

    @Override
    public synchronized void modelCall(ModelCall c) {
        out.println(String.format(Locale.ROOT, "[proxy] %s %s -> %s (%s) HTTP %d %s %d ms, tokens in %s cached %s out %s%s%s",
                c.role(), c.requestedModel(), c.servedModel() == null ? "?" : c.servedModel(),
                c.provider() == null ? "-" : c.provider(), c.status(), c.ok() ? "ok" : "FAILED", c.latencyMs(),
                c.inputTokens(), c.cachedTokens(), c.outputTokens(),
                c.costUsd() == null ? "" : String.format(Locale.ROOT, ", $%.6f", c.costUsd()),
                c.error() == null ? "" : ", " + c.error()));
    }

    @Override
    public long elapsedMs() {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
