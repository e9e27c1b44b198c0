package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.TargetModel;
import dev.lanebench.runners.proxy.chat.ToolTable;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessagesStreamTest {
    private final List<String> names = new ArrayList<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private final MessagesStream translator = new MessagesStream((n, d) -> {
        names.add(n);
        events.add(d);
    }, "lane-model", new ToolTable());

    private void chunk(String json) throws IOException {
        translator.onChunk(WireJson.MAPPER.readTree(json.replace('\'', '"')));
    }

    private List<ObjectNode> deltas(String type) {
        return events.stream().filter(e -> "content_block_delta".equals(e.path("type").asText()))
                .filter(e -> type.equals(e.path("delta").path("type").asText())).collect(Collectors.toList());
    }

    @Test
    void textStreamsAsOneBlockAndEachChunkIsSentAsSoonAsItArrives() throws IOException {
        chunk("{'id':'gen-1','model':'z-ai/glm-5.2','choices':[{'index':0,'delta':{'role':'assistant','content':''}}]}");
        assertThat(names).containsExactly("message_start");
        chunk("{'choices':[{'index':0,'delta':{'content':'Hel'}}]}");
        assertThat(names).containsExactly("message_start", "content_block_start", "content_block_delta");
        chunk("{'choices':[{'index':0,'delta':{'content':'lo'}}]}");
        assertThat(names).hasSize(4);
        chunk("{'choices':[{'index':0,'delta':{},'finish_reason':'stop'}]}");
        chunk("{'choices':[],'usage':{'prompt_tokens':10,'completion_tokens':2,'prompt_tokens_details':{'cached_tokens':4}}}");
        translator.finish();
        assertThat(names).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = events.get(0).get("message");
        assertThat(start.get("id").asText()).isEqualTo("msg_gen-1");
        assertThat(start.get("model").asText()).isEqualTo("z-ai/glm-5.2");
        assertThat(start.get("content")).isEmpty();
        assertThat(deltas("text_delta").stream().map(e -> e.get("delta").get("text").asText()))
                .containsExactly("Hel", "lo");
        JsonNode md = events.get(5);
        assertThat(md.get("delta").get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(md.get("usage").get("input_tokens").asLong()).isEqualTo(6);
        assertThat(md.get("usage").get("cache_read_input_tokens").asLong()).isEqualTo(4);
        assertThat(md.get("usage").get("output_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void reasoningTextAndToolCallsEachGetTheirOwnBlockClosedWhenTheKindChanges() throws IOException {
        chunk("{'choices':[{'delta':{'reasoning_content':'Need a '}}]}");
        chunk("{'choices':[{'delta':{'reasoning_content':'file.'}}]}");
        chunk("{'choices':[{'delta':{'content':'Writing.'}}]}");
        chunk("{'choices':[{'delta':{'tool_calls':[{'index':0,'id':'call_a','type':'function',"
                + "'function':{'name':'Write','arguments':''}}]}}]}");
        chunk("{'choices':[{'delta':{'tool_calls':[{'index':0,'function':{'arguments':'{\\'file_path\\':'}}]}}]}");
        chunk("{'choices':[{'delta':{'tool_calls':[{'index':0,'function':{'arguments':'\\'a.txt\\'}'}}]}}]}");
        chunk("{'choices':[{'delta':{'tool_calls':[{'index':1,'id':'call_b','function':{'name':'Bash',"
                + "'arguments':'{\\'command\\':\\'ls\\'}'}}]}}]}");
        chunk("{'choices':[{'delta':{},'finish_reason':'tool_calls'}],'usage':{'prompt_tokens':5,'completion_tokens':9}}");
        translator.finish();

        List<ObjectNode> starts = events.stream().filter(e -> "content_block_start".equals(e.path("type").asText()))
                .collect(Collectors.toList());
        assertThat(starts.stream().map(s -> s.get("content_block").get("type").asText()))
                .containsExactly("thinking", "text", "tool_use", "tool_use");
        assertThat(starts.stream().map(s -> s.get("index").asInt())).containsExactly(0, 1, 2, 3);
        assertThat(starts.get(2).get("content_block").get("id").asText()).isEqualTo("call_a");
        assertThat(starts.get(2).get("content_block").get("name").asText()).isEqualTo("Write");
        assertThat(starts.get(3).get("content_block").get("name").asText()).isEqualTo("Bash");

        assertThat(deltas("thinking_delta").stream().map(e -> e.get("delta").get("thinking").asText()))
                .containsExactly("Need a ", "file.");
        assertThat(deltas("signature_delta")).hasSize(1);
        assertThat(deltas("signature_delta").get(0).get("delta").get("signature").asText())
                .isEqualTo("lanebench:reasoning_content");
        String writeArgs = deltas("input_json_delta").stream().filter(e -> e.get("index").asInt() == 2)
                .map(e -> e.get("delta").get("partial_json").asText()).collect(Collectors.joining());
        assertThat(WireJson.MAPPER.readTree(writeArgs).get("file_path").asText()).isEqualTo("a.txt");

        // every block is closed before the next opens
        int open = -1;
        for (ObjectNode e : events) {
            String t = e.path("type").asText();
            if (t.equals("content_block_start")) {
                assertThat(open).isEqualTo(-1);
                open = e.get("index").asInt();
            } else if (t.equals("content_block_delta")) {
                assertThat(e.get("index").asInt()).isEqualTo(open);
            } else if (t.equals("content_block_stop")) {
                assertThat(e.get("index").asInt()).isEqualTo(open);
                open = -1;
            }
        }
        JsonNode md = events.get(events.size() - 2);
        assertThat(md.get("delta").get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(md.get("usage").get("output_tokens").asLong()).isEqualTo(9);
        assertThat(names.get(names.size() - 1)).isEqualTo("message_stop");
    }

    @Test
    void openRouterReasoningFieldStreamsAsThinkingSignedForThatField() throws IOException {
        chunk("{'choices':[{'delta':{'reasoning':'hmm'}}]}");
        chunk("{'choices':[{'delta':{'content':'ok'},'finish_reason':'stop'}]}");
        translator.finish();
        assertThat(deltas("signature_delta").get(0).get("delta").get("signature").asText())
                .isEqualTo("lanebench:reasoning");
    }

    @Test
    void toolCallsWithoutIndexOrIdStillOpenOneBlockEach() throws IOException {
        chunk("{'choices':[{'delta':{'tool_calls':[{'function':{'name':'Read','arguments':'{}'}}]}}]}");
        chunk("{'choices':[{'delta':{},'finish_reason':'stop'}]}");
        translator.finish();
        ObjectNode start = events.get(1);
        assertThat(start.get("content_block").get("id").asText()).startsWith("call_");
        assertThat(events.get(events.size() - 2).get("delta").get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void anEmptyStreamStillProducesAWholeMessage() {
        translator.finish();
        assertThat(names).containsExactly("message_start", "message_delta", "message_stop");
        assertThat(events.get(0).get("message").get("model").asText()).isEqualTo("lane-model");
    }

    @Test
    void aBrokenStreamEndsWithAnErrorEventAndNothingAfterIt() throws IOException {
        chunk("{'choices':[{'delta':{'content':'partial'}}]}");
        translator.fail(dev.lanebench.runners.proxy.http.ProxyError.unreachable("upstream stream broke"));
        translator.finish();
        chunk("{'choices':[{'delta':{'content':'late'}}]}");
        assertThat(names.get(names.size() - 1)).isEqualTo("error");
        assertThat(events.get(events.size() - 1).get("error").get("type").asText()).isEqualTo("api_error");
        assertThat(names).doesNotContain("message_stop");
    }

    @Test
    void thinkingStreamedOutComesBackAsTheSameReasoningFieldNextTurn() throws IOException {
        chunk("{'choices':[{'delta':{'reasoning':'plan'}}]}");
        chunk("{'choices':[{'delta':{'content':'done'},'finish_reason':'stop'}]}");
        translator.finish();
        String signature = deltas("signature_delta").get(0).get("delta").get("signature").asText();
        ObjectNode req = WireJson.MAPPER.createObjectNode().put("model", "m").put("max_tokens", 100);
        ObjectNode assistant = req.putArray("messages").addObject().put("role", "assistant");
        assistant.putArray("content").addObject().put("type", "thinking").put("thinking", "plan").put("signature", signature);
        JsonNode out = MessagesRequest.toChat(req, new TargetModel("m", null, true, false, false)).body().get("messages").get(0);
        assertThat(out.get("reasoning").asText()).isEqualTo("plan");
    }
}
