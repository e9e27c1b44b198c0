package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.agent.CollectingLog;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.lane.Price;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real proxy on 127.0.0.1 in front of a scripted model, and a client to talk to it, for the front tests: what
 * a test posts goes through real HTTP both ways.
 */
public final class ProxyFixture implements AutoCloseable {
    public static final String KEY_ENV = "TEST_UPSTREAM_KEY";
    public static final String KEY = "sk-upstream-secret-0123456789";
    public static final String MAIN = "z-ai/glm-5.2";
    public static final String SMALL = "z-ai/glm-small";

    public final ScriptedUpstream upstream;
    public final ProxyServer proxy;
    public final CollectingLog log = new CollectingLog();
    private final OkHttpClient http = new OkHttpClient();

    /** One server-sent event. */
    public record Event(String name, JsonNode data) {
        public String type() {
            return data.path("type").asText();
        }
    }

    /** An answer: status, headers, and the body as JSON (whole) or as events (streamed). */
    public record Reply(int status, Headers headers, JsonNode json, List<Event> events) {
    }

    public ProxyFixture(Function<JsonNode, ScriptedUpstream.Answer> script) throws IOException {
        this(script, m -> m, s -> s);
    }

    /**
     * @param model    adjusts the main model (flags such as reasoning or pdf_input)
     * @param settings adjusts the proxy settings (body cap, lane max_tokens)
     */
    public ProxyFixture(Function<JsonNode, ScriptedUpstream.Answer> script, UnaryOperator<ModelSpec> model,
                        UnaryOperator<ProxySettings> settings) throws IOException {
        upstream = new ScriptedUpstream(script);
        EndpointSpec ep = new EndpointSpec(upstream.baseUrl(), KEY_ENV, Map.of(), Map.of());
        Price price = new Price(1.0, 2.0, 0.5);
        ProxySettings s = new ProxySettings(
                new Upstream("main", ep, model.apply(new ModelSpec("e", MAIN, price, 4096))),
                new Upstream("small", ep, new ModelSpec("e", SMALL, price, 4096)),
                Map.of(KEY_ENV, KEY), RetryPolicy.none(), null, ProxySettings.newToken(), 0, null);
        proxy = ProxyServer.start(settings.apply(s), log);
    }

    /** POSTs a JSON body (text, so tests can send malformed ones) with the local token. */
    public Reply post(String path, String body, Map<String, String> headers) throws IOException {
        Request.Builder b = new Request.Builder().url(proxy.baseUrl() + path)
                .header("Authorization", "Bearer " + proxy.token())
                .post(RequestBody.create(body, MediaType.get("application/json")));
        headers.forEach(b::header);
        try (Response r = http.newCall(b.build()).execute()) {
            String text = r.body().string();
            String type = r.header("Content-Type", "");
            if (type.startsWith("text/event-stream")) {
                return new Reply(r.code(), r.headers(), null, events(text));
            }
            return new Reply(r.code(), r.headers(), text.isEmpty() ? null : WireJson.MAPPER.readTree(text), List.of());
        }
    }

    public Reply post(String path, JsonNode body) throws IOException {
        return post(path, body.toString(), Map.of());
    }

    public Reply get(String path) throws IOException {
        Request req = new Request.Builder().url(proxy.baseUrl() + path).header("Authorization", "Bearer " + proxy.token()).build();
        try (Response r = http.newCall(req).execute()) {
            return new Reply(r.code(), r.headers(), WireJson.MAPPER.readTree(r.body().string()), List.of());
        }
    }

    /** Parses an SSE body into events, checking that each {@code event:} name matches its data's type. */
    static List<Event> events(String body) throws IOException {
        List<Event> out = new ArrayList<>();
        String name = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode data = WireJson.MAPPER.readTree(line.substring(6));
                if (name != null && !name.equals(data.path("type").asText())) {
                    throw new AssertionError("event name " + name + " differs from its data type " + data.path("type"));
                }
                out.add(new Event(name, data));
                name = null;
            }
        }
        return out;
    }

    /** The last request the scripted model received. */
    public JsonNode sent() {
        return upstream.requests.get(upstream.requests.size() - 1);
    }

    @Override
    public void close() {
        proxy.close();
        upstream.close();
    }
}
