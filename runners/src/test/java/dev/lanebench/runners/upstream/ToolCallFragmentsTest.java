package dev.lanebench.runners.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ToolCallFragmentsTest {
    private final ToolCallFragments calls = new ToolCallFragments();

    private void chunk(String toolCalls) throws IOException {
        calls.accept(WireJson.MAPPER.readTree(toolCalls.replace('\'', '"')));
    }

    @Test
    void openAiStyleFragmentsJoinByIndex() throws IOException {
        chunk("[{'index':0,'id':'a','function':{'name':'Read','arguments':''}}]");
        chunk("[{'index':1,'id':'b','function':{'name':'Bash','arguments':'{}'}}]");
        chunk("[{'index':0,'function':{'arguments':'{\\'p\\':1}'}}]");
        assertThat(calls.calls()).extracting(ToolCallFragments.Call::id).containsExactly("a", "b");
        assertThat(calls.calls().get(0).arguments()).isEqualTo("{\"p\":1}");
    }

    @Test
    void aNewIdAtTheSameIndexIsANewCall() throws IOException {
        chunk("[{'index':0,'id':'a','function':{'name':'Read','arguments':'{}'}}]");
        chunk("[{'index':0,'id':'b','function':{'name':'Read','arguments':'{}'}}]");
        assertThat(calls.calls()).hasSize(2);
    }

    @Test
    void aRepeatedIdIsTheSameCall() throws IOException {
        chunk("[{'index':0,'id':'a','function':{'name':'Read','arguments':'{\\'p\\':'}}]");
        chunk("[{'index':0,'id':'a','function':{'name':'Read','arguments':'1}'}}]");
        assertThat(calls.calls()).hasSize(1);
        assertThat(calls.calls().get(0).arguments()).isEqualTo("{\"p\":1}");
    }

    @Test
    void withoutIdsANameAfterACompleteCallStartsAnother() throws IOException {
        chunk("[{'function':{'name':'Read','arguments':'{}'}},{'function':{'name':'Bash','arguments':'{}'}}]");
        chunk("[{'function':{'name':'Write','arguments':'{}'}}]");
        assertThat(calls.calls()).extracting(ToolCallFragments.Call::name).containsExactly("Read", "Bash", "Write");
    }

    @Test
    void theAssembledBodyKeepsParallelCallsNumberedZeroApart() throws IOException {
        StreamAssembler a = new StreamAssembler();
        for (String c : new String[] {
            "{'choices':[{'index':0,'delta':{'tool_calls':[{'index':0,'id':'a','function':{'name':'Read','arguments':'{}'}}]}}]}",
            "{'choices':[{'index':0,'delta':{'tool_calls':[{'index':0,'id':'b','function':{'name':'Bash','arguments':'{}'}}]}}]}",
            "{'choices':[{'index':0,'delta':{},'finish_reason':'tool_calls'}]}"}) {
            a.accept(WireJson.MAPPER.readTree(c.replace('\'', '"')));
        }
        assertThat(a.result().path("choices").path(0).path("message").path("tool_calls").findValuesAsText("id"))
                .containsExactly("a", "b");
    }
}
