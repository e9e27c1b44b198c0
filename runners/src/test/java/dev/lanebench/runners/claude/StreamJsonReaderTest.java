package dev.lanebench.runners.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.agent.CollectingLog;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StreamJsonReaderTest {
    private static final Path WS = Path.of("/tmp/lanebench-ws-test");
    private final CollectingLog log = new CollectingLog();
    private final StreamJsonReader reader = new StreamJsonReader(log, WS);

    private void feed(String... lines) {
        for (String l : lines) {
            reader.line(l.replace('\'', '"'));
        }
    }

    private static String toolUse(String msgId, String id, String name, String inputJson) {
        return "{'type':'assistant','message':{'id':'" + msgId + "','content':[{'type':'tool_use','id':'" + id
                + "','name':'" + name + "','input':" + inputJson + "}]},'parent_tool_use_id':null}";
    }

    private static String toolResult(String id, boolean error) {
        return "{'type':'user','message':{'role':'user','content':[{'type':'tool_result','tool_use_id':'" + id
                + "','is_error':" + error + ",'content':'x'}]}}";
    }

    @Test
    void toolUsesMapToNormalizedKindsAndAreLoggedWithTheirResult() {
        feed("{'type':'system','subtype':'init','cwd':'/tmp/lanebench-ws-test','claude_code_version':'2.1.329'}",
                toolUse("m1", "t1", "Write", "{'file_path':'/tmp/lanebench-ws-test/src/a.py','content':'print(1)'}"),
                toolResult("t1", false),
                toolUse("m2", "t2", "Edit", "{'file_path':'src/a.py','old_string':'1','new_string':'2'}"),
                toolResult("t2", false),
                toolUse("m3", "t3", "MultiEdit", "{'file_path':'src/a.py','edits':[]}"),
                toolUse("m3", "t4", "NotebookEdit", "{'notebook_path':'n.ipynb','new_source':'x'}"),
                toolUse("m3", "t5", "Bash", "{'command':'pytest -q'}"),
                toolUse("m3", "t6", "Read", "{'file_path':'README.md'}"),
                toolUse("m3", "t7", "Glob", "{'pattern':'**/*.py'}"),
                toolUse("m3", "t8", "Grep", "{'pattern':'TODO'}"),
                toolUse("m3", "t9", "LS", "{'path':'/tmp/lanebench-ws-test'}"),
                toolUse("m3", "t10", "TodoWrite", "{'todos':[]}"));
        for (int i = 3; i <= 10; i++) {
            feed(toolResult("t" + i, i == 5));
        }
        List<TranscriptEvent> calls = log.toolCalls();
        assertThat(calls.stream().map(TranscriptEvent::tool)).containsExactly(ToolKind.WRITE, ToolKind.EDIT,
                ToolKind.EDIT, ToolKind.EDIT, ToolKind.RUN, ToolKind.READ, ToolKind.SEARCH, ToolKind.SEARCH,
                ToolKind.LIST, ToolKind.OTHER);
        assertThat(calls.stream().map(TranscriptEvent::name)).startsWith("Write", "Edit", "MultiEdit");
        assertThat(calls.get(0).args().get("path")).isEqualTo("src/a.py");
        assertThat(calls.get(1).args().get("path")).isEqualTo("src/a.py");
        assertThat(calls.get(3).args().get("path")).isEqualTo("n.ipynb");
        assertThat(calls.get(4).args().get("command")).isEqualTo("pytest -q");
        assertThat(calls.get(4).ok()).isFalse();
        assertThat(calls.get(0).ok()).isTrue();
        assertThat(calls.get(8).args().get("path")).isEqualTo(".");
        assertThat(reader.cliVersion()).isEqualTo("2.1.329");
        assertThat(reader.assistantTurns()).isEqualTo(3);
    }

    @Test
    void toolResultsAreKeptCappedWithTheirSizeWhetherTextOrBlocks() {
        String big = "line\\n".repeat(2000);
        feed(toolUse("m1", "t1", "Bash", "{'command':'seq'}"),
                "{'type':'user','message':{'content':[{'type':'tool_result','tool_use_id':'t1','content':'" + big + "'}]}}",
                toolUse("m2", "t2", "Read", "{'file_path':'a.txt'}"),
                "{'type':'user','message':{'content':[{'type':'tool_result','tool_use_id':'t2','is_error':true,"
                        + "'content':[{'type':'text','text':'no such file'},{'type':'image','source':{}}]}]}}");
        TranscriptEvent bash = log.toolCalls().get(0);
        assertThat(bash.resultBytes()).isEqualTo(10_000L);
        assertThat(bash.result()).startsWith("line\nline").contains("[... 6928 bytes elided ...]").endsWith("line\n");
        TranscriptEvent read = log.toolCalls().get(1);
        assertThat(read.ok()).isFalse();
        assertThat(read.result()).isEqualTo("no such file\n[image]");
    }

    @Test
    void assistantTextCarriesTheStopReasonWhenTheCliGivesOne() {
        feed("{'type':'assistant','message':{'id':'m1','stop_reason':'end_turn','content':[{'type':'text','text':'Done.'}]}}");
        assertThat(log.events.get(0).detail()).containsEntry("stop_reason", "end_turn");
    }

    @Test
    void longArgumentsAreElidedToTheirLength() {
        String big = "y".repeat(5000);
        feed(toolUse("m1", "t1", "Write", "{'file_path':'big.txt','content':'" + big + "'}"), toolResult("t1", false));
        assertThat(log.toolCalls().get(0).args().get("content")).isEqualTo("<5000 chars>");
        assertThat(log.dump()).doesNotContain(big);
    }

    @Test
    void assistantTextIsTranscribedAndThinkingIsNot() {
        feed("{'type':'assistant','message':{'id':'m1','content':[{'type':'thinking','thinking':'secret plan'}]}}",
                "{'type':'assistant','message':{'id':'m1','content':[{'type':'text','text':'All done.'}]}}");
        List<TranscriptEvent> texts = log.events.stream().filter(e -> e.type().equals("assistant_text")).collect(Collectors.toList());
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0).text()).isEqualTo("All done.");
        assertThat(log.dump()).doesNotContain("secret plan");
    }

    @Test
    void theResultLineIsKeptWhateverItsSubtypeSays() {
        feed("{'type':'result','subtype':'success','is_error':true,'num_turns':3,'terminal_reason':'api_error',"
                + "'api_error_status':429,'result':'API Error: 429 rate limited','total_cost_usd':12.5}");
        ResultLine r = reader.result();
        assertThat(r.subtype()).isEqualTo("success");
        assertThat(r.isError()).isTrue();
        assertThat(r.terminalReason()).isEqualTo("api_error");
        assertThat(r.apiErrorStatus()).isEqualTo(429);
        assertThat(r.numTurns()).isEqualTo(3);
        assertThat(log.events.get(log.events.size() - 1).type()).isEqualTo("error");
    }

    @Test
    void junkLinesAreCountedAndSkippedAndAMissingResultIsNoResult() {
        feed("not json at all", "[1,2,3]", "", "{'type':'assistant','message':{'id':'m1','content':[{'type':'text','text':'hi'}]}}",
                "{'type':'assist");
        assertThat(reader.junkLines()).isEqualTo(3);
        assertThat(reader.result()).isNull();
        assertThat(reader.assistantTurns()).isEqualTo(1);
    }

    @Test
    void toolCallsLeftWithoutAResultAreLoggedAsFailedWhenTheOutputEnds() {
        feed(toolUse("m1", "t1", "Bash", "{'command':'sleep 100'}"));
        assertThat(log.toolCalls()).isEmpty();
        reader.end();
        assertThat(log.toolCalls()).hasSize(1);
        assertThat(log.toolCalls().get(0).ok()).isFalse();
        assertThat(reader.toolCalls()).isEqualTo(1);
    }

    @Test
    void apiRetriesShowUpAsErrorEvents() {
        feed("{'type':'system','subtype':'api_retry','attempt':1,'max_retries':2,'retry_delay_ms':600,'error_status':529}");
        assertThat(log.events.get(0).type()).isEqualTo("error");
        assertThat(log.events.get(0).text()).contains("529").contains("1 of 2");
    }

    @Test
    void subAgentToolCallsCountAndNameTheirParent() {
        feed("{'type':'assistant','parent_tool_use_id':'task_1','message':{'id':'sub1','content':[{'type':'tool_use',"
                + "'id':'s1','name':'Read','input':{'file_path':'x'}}]}}", toolResult("s1", false));
        assertThat(log.toolCalls().get(0).detail().get("parent_tool_use_id")).isEqualTo("task_1");
        assertThat(reader.assistantTurns()).isZero();
    }
}
