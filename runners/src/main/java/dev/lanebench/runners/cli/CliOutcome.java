package dev.lanebench.runners.cli;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.TranscriptEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the agent-CLI runners report alike when a CLI could not run or ended badly. */
public final class CliOutcome {
    private static final int STDERR_TAIL = 600;

    private CliOutcome() {
    }

    /** {@code ": <the last 600 characters of stderr>"}, or "" when it is empty or unreadable. */
    public static String stderrTail(Path stderr) {
        try {
            String s = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                return "";
            }
            return ": " + (s.length() > STDERR_TAIL ? "…" + s.substring(s.length() - STDERR_TAIL) : s);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** No fair attempt could be made: said in the transcript and returned as an infrastructure failure. */
    public static AgentOutcome infra(AgentTask task, String reason) {
        task.log().event(TranscriptEvent.error(reason));
        return AgentOutcome.infra(reason);
    }
}
