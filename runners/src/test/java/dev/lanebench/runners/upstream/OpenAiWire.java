package dev.lanebench.runners.upstream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.lane.Price;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/** Test fixtures that speak the OpenAI chat-completions wire format, as a scripted model would. */
public final class OpenAiWire {
    public static final String MODEL_ID = "z-ai/glm-5.2";
    public static final String KEY_ENV = "TEST_UPSTREAM_KEY";
    public static final String KEY = "sk-test-0123456789abcdefSECRET";
    public static final Price PRICE = new Price(1.40, 4.40, 0.26);

    private OpenAiWire() {
    }

    public static Upstream upstream(MockWebServer server) {
        return upstream(server, KEY_ENV, 131072);
    }

    public static Upstream upstream(MockWebServer server, String keyEnv, Integer maxOutput) {
        String base = server.url("/api/v1").toString();
        return new Upstream("main", new EndpointSpec(base, keyEnv, Map.of(), Map.of()),
                new ModelSpec("test", MODEL_ID, PRICE, maxOutput));
    }

    public static Map<String, String> env() {
        return Map.of(KEY_ENV, KEY, "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** A tool call as it appears in an assistant message. */
    public record Call(String id, String name, String arguments) {
    }

    public static ObjectNode completion(String servedModel, String content, String finishReason, List<Call> calls) {
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        body.put("id", "gen-1");
        body.put("object", "chat.completion");
        body.put("model", servedModel);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", finishReason);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (calls != null && !calls.isEmpty()) {
            ArrayNode tc = message.putArray("tool_calls");
            for (Call c : calls) {
                ObjectNode o = tc.addObject();
                o.put("id", c.id());
                o.put("type", "function");
                o.putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        }
        usage(body, 100, 0, 20, 0);
        return body;
    }

    public static ObjectNode usage(ObjectNode body, long prompt, long cached, long completion, long reasoning) {
        ObjectNode u = body.putObject("usage");
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        u.putObject("prompt_tokens_details").put("cached_tokens", cached);
        u.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
        return body;
    }

    public static MockResponse json(ObjectNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    public static MockResponse text(String content) {
        return json(completion(MODEL_ID, content, "stop", List.of()));
    }

    public static MockResponse toolCalls(Call... calls) {
        return json(completion(MODEL_ID, "", "tool_calls", List.of(calls)));
    }

    public static MockResponse error(int status, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"" + message + "\",\"code\":" + status + "}}");
    }

    public static ObjectNode request(String userText) {
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", userText);
        body.put("max_tokens", 256);
        return body;
    }

    /** An SSE body: each chunk as one {@code data:} event, then {@code [DONE]}. */
    public static String sse(List<ObjectNode> chunks) {
        StringBuilder b = new StringBuilder();
        for (ObjectNode c : chunks) {
            b.append("data: ").append(c).append("\n\n");
        }
        return b.append("data: [DONE]\n\n").toString();
    }

    public static ObjectNode deltaChunk(String field, String value) {
        ObjectNode c = WireJson.MAPPER.createObjectNode();
        c.put("id", "gen-s");
        c.put("object", "chat.completion.chunk");
        c.put("model", MODEL_ID);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put(field, value);
        choice.putNull("finish_reason");
        return c;
    }
}
