package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.proxy.chat.ChatAnswer;
import dev.lanebench.runners.proxy.chat.ToolTable;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MessagesAnswerTest {

    private static JsonNode json(String s) throws IOException {
        return WireJson.MAPPER.readTree(s.replace('\'', '"'));
    }

    @Test
    void textToolCallsReasoningAndUsageBecomeAnAnthropicMessage() throws IOException {
        JsonNode completion = json("{'id':'gen-123','model':'z-ai/glm-5.2','provider':'Z.AI','choices':[{'index':0,"
                + "'message':{'role':'assistant','content':'Let me write it.','reasoning_content':'thinking hard',"
                + "'tool_calls':[{'id':'call_9','type':'function','function':{'name':'Write',"
                + "'arguments':'{\\'file_path\\':\\'hello.txt\\',\\'content\\':\\'hi\\'}'}}]},"
                + "'finish_reason':'tool_calls'}],"
                + "'usage':{'prompt_tokens':1000,'completion_tokens':50,'prompt_tokens_details':{'cached_tokens':800}}}");
        JsonNode msg = MessagesAnswer.of(ChatAnswer.of(completion), "fallback", new ToolTable());
        assertThat(msg.get("type").asText()).isEqualTo("message");
        assertThat(msg.get("role").asText()).isEqualTo("assistant");
        assertThat(msg.get("id").asText()).isEqualTo("msg_gen-123");
        assertThat(msg.get("model").asText()).isEqualTo("z-ai/glm-5.2");
        JsonNode content = msg.get("content");
        assertThat(content).hasSize(3);
        assertThat(content.get(0).get("type").asText()).isEqualTo("thinking");
        assertThat(content.get(0).get("thinking").asText()).isEqualTo("thinking hard");
        assertThat(content.get(0).get("signature").asText()).isEqualTo("lanebench:reasoning_content");
        assertThat(content.get(1).get("text").asText()).isEqualTo("Let me write it.");
        assertThat(content.get(2).get("type").asText()).isEqualTo("tool_use");
        assertThat(content.get(2).get("id").asText()).isEqualTo("call_9");
        assertThat(content.get(2).get("name").asText()).isEqualTo("Write");
        assertThat(content.get(2).get("input").get("file_path").asText()).isEqualTo("hello.txt");
        assertThat(msg.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(msg.get("stop_sequence").isNull()).isTrue();
        JsonNode usage = msg.get("usage");
        assertThat(usage.get("input_tokens").asLong()).isEqualTo(200);
        assertThat(usage.get("cache_read_input_tokens").asLong()).isEqualTo(800);
        assertThat(usage.get("output_tokens").asLong()).isEqualTo(50);
    }

    @Test
    void finishReasonsMapToStopReasons() {
        assertThat(AnthropicShape.stopReason("stop", false, false)).isEqualTo("end_turn");
        assertThat(AnthropicShape.stopReason("stop", true, false)).isEqualTo("tool_use");
        assertThat(AnthropicShape.stopReason("length", false, false)).isEqualTo("max_tokens");
        assertThat(AnthropicShape.stopReason("length", true, false)).isEqualTo("tool_use");
        assertThat(AnthropicShape.stopReason("content_filter", false, true)).isEqualTo("refusal");
        assertThat(AnthropicShape.stopReason(null, false, false)).isEqualTo("end_turn");
    }

    @Test
    void toolCallsReportedWithFinishReasonStopStillStopForToolUse() throws IOException {
        JsonNode completion = json("{'choices':[{'message':{'content':null,'tool_calls':[{'id':'c','function':"
                + "{'name':'Bash','arguments':'{}'}}]},'finish_reason':'stop'}]}");
        assertThat(MessagesAnswer.of(ChatAnswer.of(completion), "m", new ToolTable()).get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void openRouterReasoningFieldIsKeptAsThinkingNamedForThatField() throws IOException {
        JsonNode completion = json("{'choices':[{'message':{'content':'ok','reasoning':'hmm'},'finish_reason':'stop'}]}");
        JsonNode thinking = MessagesAnswer.of(ChatAnswer.of(completion), "m", new ToolTable()).get("content").get(0);
        assertThat(thinking.get("signature").asText()).isEqualTo("lanebench:reasoning");
    }

    @Test
    void missingModelIdsAndUsageAreFilledSoTheCliAlwaysGetsAWholeMessage() throws IOException {
        JsonNode completion = json("{'choices':[{'message':{'content':'hi','tool_calls':[{'function':"
                + "{'name':'Bash','arguments':''}}]},'finish_reason':'tool_calls'}]}");
        JsonNode msg = MessagesAnswer.of(ChatAnswer.of(completion), "lane-model", new ToolTable());
        assertThat(msg.get("model").asText()).isEqualTo("lane-model");
        assertThat(msg.get("id").asText()).startsWith("msg_");
        assertThat(msg.get("content").get(1).get("id").asText()).startsWith("call_");
        assertThat(msg.get("content").get(1).get("input").isObject()).isTrue();
        assertThat(msg.get("usage").get("input_tokens").asLong()).isZero();
        assertThat(msg.get("usage").get("output_tokens").asLong()).isZero();
    }

    @Test
    void unparseableToolArgumentsAreKeptForTheCliToRejectWithAReason() {
        JsonNode input = AnthropicShape.toolInput("{\"file_path\": \"a.txt\"");
        assertThat(input.get("invalid_json_arguments").asText()).isEqualTo("{\"file_path\": \"a.txt\"");
        assertThat(AnthropicShape.toolInput("[1,2]").has("invalid_json_arguments")).isTrue();
    }
}
