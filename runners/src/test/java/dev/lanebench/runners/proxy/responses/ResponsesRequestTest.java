package dev.lanebench.runners.proxy.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.InvalidRequestException;
import dev.lanebench.runners.proxy.chat.TargetModel;
import dev.lanebench.runners.proxy.chat.ToolTable;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request shaped as the real codex CLI 0.169 sends it, translated to chat completions. */
class ResponsesRequestTest {
    private static final TargetModel PLAIN = new TargetModel("z-ai/glm-5.2", 8192, false, false, false);
    private ObjectNode codex;

    @BeforeEach
    void load() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/proxy/codex-request.json")) {
            codex = (ObjectNode) WireJson.MAPPER.readTree(in);
        }
    }

    private ResponsesRequest translate(TargetModel target) {
        return ResponsesRequest.toChat(codex, target);
    }

    private static List<JsonNode> messages(JsonNode body) {
        List<JsonNode> l = new ArrayList<>();
        body.get("messages").forEach(l::add);
        return l;
    }

    private static ObjectNode json(String s) throws IOException {
        return (ObjectNode) WireJson.MAPPER.readTree(s.replace('\'', '"'));
    }

    @Test
    void developerMessagesAndInstructionsBecomeOneLeadingSystemMessage() {
        codex.put("instructions", "Be exact.");
        List<JsonNode> msgs = messages(translate(PLAIN).body());
        assertThat(msgs.get(0).get("role").asText()).isEqualTo("system");
        assertThat(msgs.get(0).get("content").asText())
                .isEqualTo("Be exact.\n\nYou are the coding agent under test.\n\n<skills_instructions>none</skills_instructions>");
        assertThat(msgs.stream().skip(1).map(m -> m.get("role").asText())).doesNotContain("system", "developer");
        assertThat(msgs.get(1).get("content").asText()).contains("<environment_context>");
        assertThat(msgs.get(2).get("content").asText()).isEqualTo("Fix the parser.");
    }

    @Test
    void theLaneModelReplacesTheRequestedOneAndCodexOnlyFieldsStayBehind() {
        ObjectNode body = translate(PLAIN).body();
        assertThat(body.get("model").asText()).isEqualTo("z-ai/glm-5.2");
        for (String f : List.of("input", "store", "include", "prompt_cache_key", "client_metadata", "reasoning",
                "previous_response_id", "instructions", "text")) {
            assertThat(body.has(f)).as(f).isFalse();
        }
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(8192);
    }

    @Test
    void parallelFunctionCallsJoinTheAssistantMessageAndTheirOutputsFollowInCallOrder() {
        List<JsonNode> msgs = messages(translate(PLAIN).body());
        JsonNode assistant = msgs.get(3);
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("content").asText()).isEqualTo("Looking at the files.");
        assertThat(assistant.get("tool_calls").findValuesAsText("id")).containsExactly("call_ls", "call_cat");
        assertThat(assistant.get("tool_calls").get(0).get("function").get("arguments").asText()).isEqualTo("{\"cmd\":\"ls\"}");
        assertThat(msgs.get(4).get("tool_call_id").asText()).isEqualTo("call_ls");
        assertThat(msgs.get(4).get("content").asText()).endsWith("parser.py\n");
        assertThat(msgs.get(5).get("tool_call_id").asText()).isEqualTo("call_cat");
    }

    @Test
    void applyPatchIsAFunctionWithOneStringParameterAndItsCallsGoBackThatWay() throws IOException {
        ResponsesRequest r = translate(PLAIN);
        JsonNode fn = r.body().get("tools").get(1).get("function");
        assertThat(fn.get("name").asText()).isEqualTo("apply_patch");
        assertThat(fn.get("description").asText()).startsWith("Edits files.").contains("lark grammar:\nstart: begin_patch");
        assertThat(fn.get("parameters").get("required").get(0).asText()).isEqualTo("input");
        assertThat(fn.get("parameters").get("properties").get("input").get("type").asText()).isEqualTo("string");
        assertThat(r.tools().client("apply_patch").kind()).isEqualTo(ToolTable.Kind.CUSTOM);
        List<JsonNode> msgs = messages(r.body());
        JsonNode call = msgs.get(6).get("tool_calls").get(0);
        assertThat(call.get("id").asText()).isEqualTo("call_patch");
        assertThat(WireJson.MAPPER.readTree(call.get("function").get("arguments").asText()).get("input").asText())
                .startsWith("*** Begin Patch\n*** Update File: parser.py");
        assertThat(msgs.get(7).get("role").asText()).isEqualTo("tool");
        assertThat(msgs.get(7).get("content").asText()).contains("Success. Updated the following files");
    }

    @Test
    void namespacedToolsAreFlattenedAndMappedBack() {
        ResponsesRequest r = translate(PLAIN);
        assertThat(r.body().get("tools").findValuesAsText("name")).contains("multi_agent_v1__close_agent");
        ToolTable.ClientTool t = r.tools().client("multi_agent_v1__close_agent");
        assertThat(t.namespace()).isEqualTo("multi_agent_v1");
        assertThat(t.name()).isEqualTo("close_agent");
        assertThat(messages(r.body()).get(8).get("tool_calls").get(0).get("function").get("name").asText())
                .isEqualTo("multi_agent_v1__close_agent");
    }

    @Test
    void hostedToolsAreLeftOutAndSchemasLoseKeywordsSomeUpstreamsReject() {
        JsonNode tools = translate(PLAIN).body().get("tools");
        assertThat(tools).hasSize(4);
        assertThat(tools.toString()).doesNotContain("web_search").doesNotContain("exclusiveMinimum");
        assertThat(tools.get(0).get("function").get("parameters").get("properties").has("yield_time_ms")).isTrue();
    }

    @Test
    void anImageInACallOutputRidesInAUserMessageAfterTheToolMessages() {
        List<JsonNode> msgs = messages(translate(PLAIN).body());
        JsonNode tool = msgs.get(11);
        assertThat(tool.get("role").asText()).isEqualTo("tool");
        assertThat(tool.get("tool_call_id").asText()).isEqualTo("call_img");
        JsonNode carrier = msgs.get(12);
        assertThat(carrier.get("role").asText()).isEqualTo("user");
        assertThat(carrier.get("content").get(0).get("image_url").get("url").asText())
                .isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(msgs).hasSize(13);
    }

    @Test
    void foreignReasoningIsDroppedCleanlyAndOursGoesBackAsItCame() {
        assertThat(translate(new TargetModel("m", null, true, false, false)).body().toString())
                .doesNotContain("opaque-foreign").doesNotContain("from elsewhere").doesNotContain("reasoning_content");
        ObjectNode ours = codex.withArray("input").insertObject(5);
        ours.put("type", "reasoning").put("id", "rs_ours").putArray("summary");
        ours.put("encrypted_content", ResponsesShape.encryptedContent("reasoning_content", "I will list first."));
        JsonNode assistant = messages(translate(new TargetModel("m", null, true, false, false)).body()).get(3);
        assertThat(assistant.get("reasoning_content").asText()).isEqualTo("I will list first.");
        assertThat(messages(translate(PLAIN).body()).get(3).has("reasoning_content")).isFalse();
    }

    @Test
    void reasoningEffortGoesUpOnlyForAReasoningModel() {
        assertThat(translate(new TargetModel("m", null, false, true, false)).body().get("reasoning_effort").asText())
                .isEqualTo("high");
        assertThat(translate(PLAIN).body().has("reasoning_effort")).isFalse();
        assertThat(ResponsesRequest.reasoningEffort("minimal")).isEqualTo("low");
        assertThat(ResponsesRequest.reasoningEffort("xhigh")).isEqualTo("high");
        assertThat(ResponsesRequest.reasoningEffort("none")).isNull();
    }

    @Test
    void toolChoiceAndParallelCallsGoUpOnlyWithTools() throws IOException {
        ObjectNode body = translate(PLAIN).body();
        assertThat(body.get("tool_choice").asText()).isEqualTo("auto");
        assertThat(body.get("parallel_tool_calls").asBoolean()).isTrue();
        ObjectNode bare = json("{'model':'m','input':'hi','tool_choice':'required','parallel_tool_calls':false}");
        ObjectNode out = ResponsesRequest.toChat(bare, PLAIN).body();
        assertThat(out.has("tool_choice")).isFalse();
        assertThat(out.has("parallel_tool_calls")).isFalse();
        codex.putObject("tool_choice").put("type", "custom").put("name", "apply_patch");
        assertThat(translate(PLAIN).body().get("tool_choice").get("function").get("name").asText()).isEqualTo("apply_patch");
    }

    @Test
    void maxOutputTokensIsClampedToTheLaneAndAStringInputIsOneUserMessage() throws IOException {
        ObjectNode bare = json("{'model':'m','input':'write a sort','max_output_tokens':100000}");
        ObjectNode out = ResponsesRequest.toChat(bare, PLAIN).body();
        assertThat(out.get("max_tokens").asInt()).isEqualTo(8192);
        assertThat(out.get("messages").get(0).get("content").asText()).isEqualTo("write a sort");
        assertThat(out.has("stream")).isFalse();
    }

    @Test
    void previousResponseIdIsNeverSentAndOnlyANullOneIsAccepted() throws IOException {
        codex.putNull("previous_response_id");
        assertThat(translate(PLAIN).body().has("previous_response_id")).isFalse();
        codex.put("previous_response_id", "resp_123");
        assertThatThrownBy(() -> translate(PLAIN)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("previous_response_id:");
    }

    @Test
    void aJsonSchemaTextFormatBecomesAResponseFormat() throws IOException {
        codex.putObject("text").set("format", json("{'type':'json_schema','name':'answer','strict':true,"
                + "'schema':{'type':'object','properties':{'ok':{'type':'boolean'}}}}"));
        JsonNode rf = translate(PLAIN).body().get("response_format");
        assertThat(rf.get("type").asText()).isEqualTo("json_schema");
        assertThat(rf.get("json_schema").get("name").asText()).isEqualTo("answer");
        assertThat(rf.get("json_schema").get("schema").get("properties").has("ok")).isTrue();
    }

    @Test
    void aPdfInputFileIsAFilePartOrA400() throws IOException {
        ObjectNode bare = json("{'model':'m','input':[{'role':'user','content':[{'type':'input_file','filename':'a.pdf',"
                + "'file_data':'data:application/pdf;base64,JVBERi0='},{'type':'input_text','text':'summarise'}]}]}");
        assertThatThrownBy(() -> ResponsesRequest.toChat(bare, PLAIN)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("input.0.content.0").hasMessageContaining("PDFs are not supported by this model");
        JsonNode part = ResponsesRequest.toChat(bare, new TargetModel("m", null, false, false, true)).body()
                .get("messages").get(0).get("content").get(0);
        assertThat(part.get("type").asText()).isEqualTo("file");
        assertThat(part.get("file").get("file_data").asText()).isEqualTo("data:application/pdf;base64,JVBERi0=");
    }

    @Test
    void malformedRequestsNameTheField() throws IOException {
        String[][] cases = {
            {"{'input':'x'}", "model:"},
            {"{'model':'m'}", "input:"},
            {"{'model':'m','input':42}", "input:"},
            {"{'model':'m','input':[{'role':'user','content':7}]}", "input.0.content:"},
            {"{'model':'m','input':['text']}", "input.0:"},
            {"{'model':'m','input':'x','tools':{'type':'function'}}", "tools:"},
            {"{'model':'m','input':'x','max_output_tokens':'many'}", "max_output_tokens:"},
            {"{'model':'m','input':'x','temperature':'warm'}", "temperature:"},
            {"{'model':'m','input':'x','instructions':5}", "instructions:"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> ResponsesRequest.toChat(json(c[0]), PLAIN)).as(c[0])
                    .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith(c[1]);
        }
    }

    @Test
    void outputsArrivingBeforeTheirCallOrMissingAreStillPairedAfterIt() throws IOException {
        ObjectNode req = json("{'model':'m','input':[{'role':'user','content':'go'},"
                + "{'type':'function_call_output','call_id':'b','output':'B early'},"
                + "{'type':'function_call','call_id':'a','name':'f','arguments':'{}'},"
                + "{'type':'function_call','call_id':'b','name':'f','arguments':'{}'},"
                + "{'type':'message','role':'user','content':'and?'}]}");
        List<JsonNode> msgs = messages(ResponsesRequest.toChat(req, PLAIN).body());
        assertThat(msgs.stream().map(m -> m.get("role").asText())).containsExactly("user", "assistant", "tool", "tool", "user");
        assertThat(msgs.get(2).get("tool_call_id").asText()).isEqualTo("a");
        assertThat(msgs.get(2).get("content").asText()).contains("no result");
        assertThat(msgs.get(3).get("content").asText()).isEqualTo("B early");
    }
}
