package dev.lanebench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A judge model on 127.0.0.1 for tests: an OpenAI-compatible server answering each chat completion as its script
 * says, keeping every request body and the moment (in a sequence shared by all scripted judges) it arrived.
 */
public final class ScriptedJudge implements AutoCloseable {
    /** A rubric for the greeting task of the test fixtures, with two weighted criteria. */
    public static final String GREETING_RUBRIC = """
            # Rubric: Say hello

            ## Greeting written (weight 3)
            - 0: greeting.txt does not say hello.
            - 2.5: greeting.txt says something like hello.
            - 5: greeting.txt says hello.

            ## Explained (weight 1)
            - 0: No final message.
            - 2.5: A final message says what changed.
            - 5: A final message says what changed and why.
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ARRIVALS = new AtomicInteger();
    private static final Pattern CRITERIA = Pattern.compile("Score these criteria: (.*)\\. Answer with the JSON object only\\.");

    private final MockWebServer server = new MockWebServer();
    private final String modelId;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> arrivals = Collections.synchronizedList(new ArrayList<>());

    private ScriptedJudge(String modelId, Function<JsonNode, MockResponse> script) {
        this.modelId = modelId;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody().readUtf8();
                bodies.add(body);
                arrivals.add(ARRIVALS.incrementAndGet());
                try {
                    return script.apply(JSON.readTree(body));
                } catch (IOException e) {
                    return new MockResponse().setResponseCode(400);
                }
            }
        });
    }

    /** A judge served as {@code modelId}, answering by {@code script} (request body → response). */
    public static ScriptedJudge start(String modelId, Function<JsonNode, MockResponse> script) {
        ScriptedJudge j = new ScriptedJudge(modelId, script);
        try {
            j.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return j;
    }

    /** A judge that gives every criterion {@code score}. */
    public static ScriptedJudge constant(String modelId, double score, double costUsd) {
        return start(modelId, req -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            criteria(req).forEach(c -> scores.put(c, score));
            return scores(modelId, scores, costUsd);
        });
    }

    /** A judge whose endpoint fails every request with {@code status}. */
    public static ScriptedJudge failing(String modelId, int status) {
        return start(modelId, req -> new MockResponse().setResponseCode(status)
                .setBody("{\"error\":{\"message\":\"scripted failure\",\"code\":" + status + "}}"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/v1";
    }

    public String modelId() {
        return modelId;
    }

    /** Every request body received, as sent. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** When each request arrived, in the sequence shared by every scripted judge. */
    public List<Integer> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Stops answering: further requests are refused at the socket (an outage). */
    @Override
    public void close() throws IOException {
        server.shutdown();
    }

    /** The criteria a request asks to be scored, in order. */
    public static List<String> criteria(JsonNode request) {
        Matcher m = CRITERIA.matcher(user(request));
        if (!m.find()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree("[" + m.group(1) + "]")) {
                names.add(n.asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    public static String system(JsonNode request) {
        return request.path("messages").path(0).path("content").asText();
    }

    public static String user(JsonNode request) {
        return request.path("messages").path(1).path("content").asText();
    }

    /** An answer whose content is {@code {"scores": …, "reason": …}}. */
    public static MockResponse scores(String served, Map<String, Double> scores, double costUsd) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode s = answer.putObject("scores");
        scores.forEach(s::put);
        answer.put("reason", "scripted");
        return answer(served, answer.toString(), costUsd);
    }

    /** A chat completion saying {@code content}, with the provider's cost in its usage. */
    public static MockResponse answer(String served, String content, double costUsd) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        return completion(served, message, "stop", costUsd);
    }

    /** A completion that declines, as OpenAI-compatible endpoints report a refusal. */
    public static MockResponse refusal(String served, String text) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content").put("refusal", text);
        return completion(served, message, "stop", 0.0001);
    }

    private static MockResponse completion(String served, ObjectNode message, String finish, double costUsd) {
        ObjectNode body = JSON.createObjectNode().put("id", "c").put("object", "chat.completion").put("model", served);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finish);
        body.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 60).put("total_tokens", 960)
                .put("cost", costUsd);
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
    }
}
