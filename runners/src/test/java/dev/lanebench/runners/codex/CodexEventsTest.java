package dev.lanebench.runners.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.agent.CollectingLog;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event lines as codex 0.169 prints them with {@code exec --json}, read into the normalized transcript. */
class CodexEventsTest {
    private final CollectingLog log = new CollectingLog();
    private final CodexEvents events = new CodexEvents(log, Path.of("/workspace"));

    private void lines(String... lines) {
        for (String l : lines) {
            events.line(l.replace('\'', '"'));
        }
    }

    @Test
    void commandsFileChangesAndMessagesBecomeTranscriptEvents() {
        lines("{'type':'thread.started','thread_id':'01a2'}",
                "{'type':'turn.started'}",
                "{'type':'item.started','item':{'id':'item_1','type':'command_execution','command':'/bin/bash -lc \\'cat src/app.py\\'','aggregated_output':'','exit_code':null,'status':'in_progress'}}",
                "{'type':'item.completed','item':{'id':'item_1','type':'command_execution','command':'/bin/bash -lc \\'cat src/app.py\\'','aggregated_output':'x','exit_code':0,'status':'completed'}}",
                "{'type':'item.completed','item':{'id':'item_2','type':'command_execution','command':'/bin/bash -lc \\'pytest -q\\'','aggregated_output':'1 failed','exit_code':1,'status':'failed'}}",
                "{'type':'item.completed','item':{'id':'item_3','type':'file_change','changes':[{'path':'/workspace/src/app.py','kind':'update'},{'path':'/workspace/new.txt','kind':'add'}],'status':'completed'}}",
                "{'type':'item.completed','item':{'id':'item_4','type':'agent_message','text':'Fixed it.'}}",
                "{'type':'turn.completed','usage':{'input_tokens':200,'cached_input_tokens':40,'output_tokens':20,'reasoning_output_tokens':0}}");
        List<TranscriptEvent> tools = log.toolCalls();
        assertThat(tools).extracting(TranscriptEvent::tool).containsExactly(ToolKind.READ, ToolKind.RUN, ToolKind.EDIT, ToolKind.WRITE);
        assertThat(tools).extracting(TranscriptEvent::ok).containsExactly(true, false, true, true);
        assertThat(tools.get(0).args()).containsEntry("command", "cat src/app.py");
        assertThat(tools.get(2).args()).containsEntry("path", "src/app.py");
        assertThat(tools.get(3).args()).containsEntry("path", "new.txt");
        assertThat(tools.get(1).detail()).containsEntry("exit_code", 1);
        assertThat(tools.get(1).result()).isEqualTo("1 failed");
        assertThat(tools.get(1).resultBytes()).isEqualTo(8L);
        assertThat(log.events).anyMatch(e -> "assistant_text".equals(e.type()) && e.text().equals("Fixed it."));
        assertThat(events.turn()).isEqualTo(CodexEvents.Turn.COMPLETED);
        assertThat(events.threadId()).isEqualTo("01a2");
        assertThat(events.usage().path("input_tokens").asLong()).isEqualTo(200);
    }

    @Test
    void aFailedTurnIsReadFromItsEventNotTheExitCode() {
        lines("{'type':'turn.started'}", "{'type':'error','message':'Reconnecting... 1/2'}",
                "{'type':'turn.failed','error':{'message':'unexpected status 400 Bad Request'}}");
        assertThat(events.turn()).isEqualTo(CodexEvents.Turn.FAILED);
        assertThat(events.failure()).contains("400");
        assertThat(log.events).extracting(TranscriptEvent::type).containsExactly("error", "error");
    }

    @Test
    void aStreamThatStopsBeforeTheTurnEndsHasNoTurnAndJunkIsCounted() {
        lines("{'type':'turn.started'}", "not json", "[1,2]", "");
        assertThat(events.turn()).isEqualTo(CodexEvents.Turn.MISSING);
        assertThat(events.junkLines()).isEqualTo(2);
    }
}
