package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.upstream.UpstreamHttp;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The client side of {@link ProxyBenchmark}, run as a process of its own so the proxy is measured from outside,
 * as a CLI sees it. For each series it sends the same request straight to the upstream and through the proxy,
 * alternating which goes first; after a warm-up of every series it times each request: whole answers to the
 * last byte, streamed ones to the first content chunk. Prints the timings as one JSON object.
 *
 * <p>Arguments: the plan file written by the benchmark, then the number of warm-up and measured requests.
 */
public final class BenchClient {
    private static final MediaType JSON = MediaType.get("application/json");

    private BenchClient() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode plan = WireJson.MAPPER.readTree(Files.readAllBytes(Path.of(args[0])));
        int warmup = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        // The project's one HTTP client (no-delay sockets, one pool), with a short read timeout for a stuck request.
        OkHttpClient http = UpstreamHttp.shared().newBuilder().readTimeout(Duration.ofSeconds(10)).build();
        ObjectNode out = WireJson.MAPPER.createObjectNode();
        // Every series is warmed up before any is measured, so no measurement shares the machine with the JIT
        // compiling another series' code.
        for (JsonNode series : plan.get("series")) {
            run(http, Endpoint.of(series.get("direct")), Endpoint.of(series.get("proxied")),
                    series.get("stream").asBoolean(), warmup);
        }
        for (JsonNode series : plan.get("series")) {
            Endpoint direct = Endpoint.of(series.get("direct"));
            Endpoint proxied = Endpoint.of(series.get("proxied"));
            boolean stream = series.get("stream").asBoolean();
            double[][] t = run(http, direct, proxied, stream, requests);
            ObjectNode s = out.putObject(series.get("name").asText());
            ArrayNode d = s.putArray("direct");
            ArrayNode p = s.putArray("proxied");
            for (int i = 0; i < requests; i++) {
                d.add(t[0][i]);
                p.add(t[1][i]);
            }
        }
        System.out.println(out);
    }

    /** One side of a series: where to send, what, with which token, and what marks the first content chunk. */
    private record Endpoint(String url, byte[] body, String auth, String firstChunk) {
        static Endpoint of(JsonNode n) throws IOException {
            return new Endpoint(n.get("url").asText(), WireJson.MAPPER.writeValueAsBytes(n.get("body")),
                    "Bearer " + n.get("token").asText(), n.get("first_chunk").asText());
        }
    }

    /** [0] direct timings, [1] proxied timings, in ms; the order alternates so neither side is favoured. */
    private static double[][] run(OkHttpClient http, Endpoint direct, Endpoint proxied, boolean stream, int n)
            throws IOException {
        double[] d = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                d[i] = time(http, direct, stream);
                p[i] = time(http, proxied, stream);
            } else {
                p[i] = time(http, proxied, stream);
                d[i] = time(http, direct, stream);
            }
        }
        return new double[][] {d, p};
    }

    private static double time(OkHttpClient http, Endpoint e, boolean stream) throws IOException {
        Request req = new Request.Builder().url(e.url()).header("Authorization", e.auth())
                .post(RequestBody.create(e.body(), JSON)).build();
        long t0 = System.nanoTime();
        try (Response r = http.newCall(req).execute()) {
            if (r.code() != 200) {
                throw new IOException("benchmark request to " + e.url() + " failed: HTTP " + r.code() + " " + r.body().string());
            }
            BufferedSource src = r.body().source();
            if (!stream) {
                src.readByteArray();
                return (System.nanoTime() - t0) / 1e6;
            }
            double first = -1;
            String line;
            while ((line = src.readUtf8Line()) != null) {
                if (first < 0 && line.startsWith("data:") && line.contains(e.firstChunk())) {
                    first = (System.nanoTime() - t0) / 1e6;
                }
            }
            if (first < 0) {
                throw new IOException("benchmark stream from " + e.url() + " carried no content chunk");
            }
            return first;
        }
    }
}
