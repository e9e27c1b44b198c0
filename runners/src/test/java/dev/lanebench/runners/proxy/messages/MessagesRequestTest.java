package dev.lanebench.runners.proxy.messages;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.proxy.chat.InvalidRequestException;
import dev.lanebench.runners.proxy.chat.TargetModel;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagesRequestTest {
    private ObjectNode cliRequest;

    @BeforeEach
    void load() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/proxy/cli-request.json")) {
            cliRequest = (ObjectNode) WireJson.MAPPER.readTree(in);
        }
    }

    private ObjectNode translate() {
        return MessagesRequest.toChat(cliRequest, new TargetModel("z-ai/glm-5.2", 8192, true, false, false)).body();
    }

    private static List<JsonNode> messages(ObjectNode out) {
        List<JsonNode> list = new ArrayList<>();
        out.get("messages").forEach(list::add);
        return list;
    }

    @Test
    void systemBlocksBecomeOneLeadingSystemMessageWithoutTheBillingHeader() {
        JsonNode first = translate().get("messages").get(0);
        assertThat(first.get("role").asText()).isEqualTo("system");
        assertThat(first.get("content").asText())
                .startsWith("You are a coding agent.\n\nWork in the current directory.")
                .doesNotContain("x-anthropic-billing-header");
    }

    @Test
    void midConversationSystemMessagesJoinTheLeadingSystemMessageAfterItsText() {
        List<JsonNode> msgs = messages(translate());
        assertThat(msgs.get(0).get("content").asText())
                .endsWith("Work in the current directory.\n\n# Environment\nPlatform: linux");
        assertThat(msgs.stream().skip(1).map(m -> m.get("role").asText())).doesNotContain("system");
    }

    @Test
    void cacheControlAndAnthropicOnlyParamsAreNeverForwarded() {
        ObjectNode out = translate();
        assertThat(out.toString()).doesNotContain("cache_control").doesNotContain("ephemeral");
        for (String dropped : List.of("thinking", "context_management", "output_config", "metadata", "top_k",
                "service_tier", "container", "mcp_servers", "betas", "system", "stop_sequences", "tool_choice_type")) {
            assertThat(out.has(dropped)).as(dropped).isFalse();
        }
        assertThat(out.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(out.get("top_p").asDouble()).isEqualTo(0.9);
    }

    @Test
    void theUpstreamModelReplacesWhatTheCliAskedFor() {
        cliRequest.put("model", "claude-haiku-4-5");
        assertThat(MessagesRequest.toChat(cliRequest, new TargetModel("deepseek/deepseek-v4", null, true, false, false)).body().get("model").asText())
                .isEqualTo("deepseek/deepseek-v4");
    }

    @Test
    void userTextBlocksBecomeOnePlainStringMessage() {
        JsonNode user = translate().get("messages").get(1);
        assertThat(user.get("role").asText()).isEqualTo("user");
        assertThat(user.get("content").asText()).isEqualTo("<system-reminder>be brief</system-reminder>\nCreate hello.txt");
    }

    @Test
    void assistantToolUseBecomesToolCallsWithJsonStringArguments() throws IOException {
        JsonNode assistant = translate().get("messages").get(2);
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("content").asText()).isEqualTo("Writing it now.");
        JsonNode calls = assistant.get("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("id").asText()).isEqualTo("call_1");
        assertThat(calls.get(0).get("type").asText()).isEqualTo("function");
        assertThat(calls.get(0).get("function").get("name").asText()).isEqualTo("Write");
        JsonNode args = calls.get(0).get("function").get("arguments");
        assertThat(args.isTextual()).isTrue();
        assertThat(WireJson.MAPPER.readTree(args.asText()).get("file_path").asText()).isEqualTo("hello.txt");
    }

    @Test
    void thinkingGoesBackAsReasoningOnlyWhenItCameFromThisProxy() {
        List<JsonNode> msgs = messages(translate());
        assertThat(msgs.get(2).get("reasoning_content").asText()).isEqualTo("I should write the file.");
        JsonNode secondAssistant = msgs.get(6);
        assertThat(secondAssistant.get("role").asText()).isEqualTo("assistant");
        assertThat(secondAssistant.has("reasoning_content")).isFalse();
        assertThat(secondAssistant.has("reasoning")).isFalse();
        assertThat(secondAssistant.toString()).doesNotContain("from real Anthropic").doesNotContain("opaque");
        assertThat(secondAssistant.get("content").isNull()).isTrue();
    }

    @Test
    void reasoningIsNotSentBackToAModelThatDoesNotWantIt() {
        ObjectNode out = MessagesRequest.toChat(cliRequest, new TargetModel("deepseek/deepseek-reasoner", null, false, false, false)).body();
        assertThat(out.toString()).doesNotContain("reasoning_content").doesNotContain("I should write the file.");
    }

    @Test
    void toolResultsBecomeToolMessagesInOrderRightAfterTheAssistantAndErrorsArePrefixed() {
        List<JsonNode> msgs = messages(translate());
        assertThat(msgs.get(3).get("role").asText()).isEqualTo("tool");
        assertThat(msgs.get(3).get("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(msgs.get(3).get("content").asText()).isEqualTo("File created");
        assertThat(msgs.get(4).get("role").asText()).isEqualTo("tool");
        assertThat(msgs.get(4).get("tool_call_id").asText()).isEqualTo("call_2");
        assertThat(msgs.get(4).get("content").asText()).isEqualTo("Error: exit code 1");
        // the text that followed the results in the same user turn comes after all tool messages
        assertThat(msgs.get(5).get("role").asText()).isEqualTo("user");
        assertThat(msgs.get(5).get("content").asText()).contains("todo list is empty");
    }

    @Test
    void base64ImagesBecomeImageUrlDataUris() {
        List<JsonNode> msgs = messages(translate());
        // the image inside a tool result rides in a user message right after the tool message
        JsonNode tool = msgs.get(7);
        assertThat(tool.get("role").asText()).isEqualTo("tool");
        assertThat(tool.get("content").asText()).isEqualTo("an image");
        JsonNode carrier = msgs.get(8);
        assertThat(carrier.get("role").asText()).isEqualTo("user");
        assertThat(carrier.get("content").get(0).get("image_url").get("url").asText())
                .isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        JsonNode userImage = msgs.get(9);
        assertThat(userImage.get("content").get(0).get("type").asText()).isEqualTo("image_url");
        assertThat(userImage.get("content").get(0).get("image_url").get("url").asText())
                .isEqualTo("data:image/jpeg;base64,/9j/4AAQ");
        assertThat(userImage.get("content").get(1).get("text").asText()).isEqualTo("what is this?");
    }

    @Test
    void plainStringContentsPassThrough() {
        List<JsonNode> msgs = messages(translate());
        assertThat(msgs.get(10).get("role").asText()).isEqualTo("assistant");
        assertThat(msgs.get(10).get("content").asText()).isEqualTo("plain string answer");
        assertThat(msgs.get(11).get("content").asText()).isEqualTo("plain string question");
        assertThat(msgs).hasSize(12);
    }

    @Test
    void toolsLoseSchemaKeyAndDeferredOrSchemalessToolsAreSkipped() {
        JsonNode tools = translate().get("tools");
        assertThat(tools).hasSize(2);
        JsonNode bash = tools.get(0);
        assertThat(bash.get("type").asText()).isEqualTo("function");
        assertThat(bash.get("function").get("name").asText()).isEqualTo("Bash");
        assertThat(bash.get("function").get("description").asText()).isEqualTo("Run a command");
        JsonNode params = bash.get("function").get("parameters");
        assertThat(params.has("$schema")).isFalse();
        assertThat(params.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(params.get("required").get(0).asText()).isEqualTo("command");
        assertThat(tools.toString()).doesNotContain("DeferredToolPlaceholder").doesNotContain("web_search");
        // the input tree is not modified
        assertThat(cliRequest.get("tools").get(0).get("input_schema").has("$schema")).isTrue();
    }

    @Test
    void toolChoiceMapsAnyToRequiredAndParallelDisablingToParallelToolCallsFalse() {
        ObjectNode out = translate();
        assertThat(out.get("tool_choice").asText()).isEqualTo("required");
        assertThat(out.get("parallel_tool_calls").asBoolean(true)).isFalse();
    }

    @Test
    void toolChoiceAutoNoneAndNamedTool() {
        cliRequest.putObject("tool_choice").put("type", "auto");
        ObjectNode auto = translate();
        assertThat(auto.get("tool_choice").asText()).isEqualTo("auto");
        assertThat(auto.has("parallel_tool_calls")).isFalse();
        cliRequest.putObject("tool_choice").put("type", "none");
        assertThat(translate().get("tool_choice").asText()).isEqualTo("none");
        cliRequest.putObject("tool_choice").put("type", "tool").put("name", "Bash");
        JsonNode named = translate().get("tool_choice");
        assertThat(named.get("type").asText()).isEqualTo("function");
        assertThat(named.get("function").get("name").asText()).isEqualTo("Bash");
    }

    @Test
    void noToolsLeftMeansNoToolsAndNoToolChoice() {
        cliRequest.putArray("tools").addObject().put("name", "Deferred").put("defer_loading", true)
                .putObject("input_schema").put("type", "object");
        ObjectNode out = translate();
        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("tool_choice")).isFalse();
        assertThat(out.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void maxTokensIsClampedToTheCapButNeverRaised() {
        assertThat(translate().get("max_tokens").asInt()).isEqualTo(8192);
        cliRequest.put("max_tokens", 100);
        assertThat(translate().get("max_tokens").asInt()).isEqualTo(100);
        assertThat(MessagesRequest.toChat(cliRequest, new TargetModel("m", null, true, false, false)).body().get("max_tokens").asInt()).isEqualTo(100);
        cliRequest.put("max_tokens", 100000);
        assertThat(MessagesRequest.toChat(cliRequest, new TargetModel("m", null, true, false, false)).body()
                .get("max_tokens").asInt()).isEqualTo(100000);
    }

    @Test
    void stopSequencesBecomeStopAndStreamingAsksForUsage() {
        ObjectNode out = translate();
        assertThat(out.get("stop").get(0).asText()).isEqualTo("</done>");
        assertThat(out.get("stream").asBoolean()).isTrue();
        assertThat(out.get("stream_options").get("include_usage").asBoolean()).isTrue();
    }

    @Test
    void aNonStreamingRequestCarriesNoStreamFields() {
        cliRequest.put("stream", false);
        ObjectNode out = translate();
        assertThat(out.has("stream")).isFalse();
        assertThat(out.has("stream_options")).isFalse();
    }

    @Test
    void onlyABodyThatIsNoMessagesRequestIsInvalid() {
        assertThatThrownBy(() -> MessagesRequest.toChat(WireJson.MAPPER.createArrayNode(), new TargetModel("m", null, true, false, false)))
                .isInstanceOf(InvalidRequestException.class);
        cliRequest.remove("messages");
        assertThatThrownBy(this::translate).isInstanceOf(InvalidRequestException.class).hasMessageContaining("messages");
        cliRequest.putArray("messages").addObject().put("role", "robot").put("content", "x");
        assertThatThrownBy(this::translate).isInstanceOf(InvalidRequestException.class).hasMessageContaining("robot");
    }

    @Test
    void aStringSystemPromptIsKept() {
        cliRequest.put("system", "be terse");
        assertThat(translate().get("messages").get(0).get("content").asText()).startsWith("be terse\n\n# Environment");
    }
}
