package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.proxy.chat.TargetModel;
import dev.lanebench.runners.proxy.messages.MessagesRequest;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import dev.lanebench.runners.upstream.UpstreamHttp;
import dev.lanebench.runners.upstream.WireJson;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Measures what the proxy adds (DESIGN.md §11: p50 ≤ 1 ms, p99 ≤ 5 ms): the same requests to a zero-latency
 * local upstream, sent directly and through a proxy, interleaved in one run. Whole answers are timed to the
 * last byte; streamed ones to the first content chunk. Added latency is the proxied percentile minus the
 * direct one. {@code lanebench bench proxy} prints {@link Result#report()}.
 */
public final class ProxyBenchmark {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String KEY_ENV = "LANEBENCH_BENCH_KEY";
    private static final String KEY = "bench-upstream-key";
    public static final double TARGET_P50_MS = 1.0;
    public static final double TARGET_P99_MS = 5.0;

    private ProxyBenchmark() {
    }

    /**
     * The figures of one run, in milliseconds.
     *
     * @param requests measured requests per series (after warm-up)
     */
    public record Result(int requests,
                         double wholeDirectP50, double wholeDirectP99, double wholeProxyP50, double wholeProxyP99,
                         double streamDirectP50, double streamDirectP99, double streamProxyP50, double streamProxyP99,
                         long modelCallsLogged) {

        public double wholeAddedP50() {
            return wholeProxyP50 - wholeDirectP50;
        }

        public double wholeAddedP99() {
            return wholeProxyP99 - wholeDirectP99;
        }

        public double streamAddedP50() {
            return streamProxyP50 - streamDirectP50;
        }

        public double streamAddedP99() {
            return streamProxyP99 - streamDirectP99;
        }

        public boolean meetsTargets() {
            return wholeAddedP50() <= TARGET_P50_MS && wholeAddedP99() <= TARGET_P99_MS
                    && streamAddedP50() <= TARGET_P50_MS && streamAddedP99() <= TARGET_P99_MS;
        }

        public String report() {
            return String.format(Locale.ROOT, String.join("\n",
                            "proxy benchmark: %d requests per series, zero-latency upstream on 127.0.0.1",
                            "  non-streaming (to last byte)   direct p50 %.3f p99 %.3f | proxied p50 %.3f p99 %.3f | added p50 %.3f ms p99 %.3f ms",
                            "  streaming (to first chunk)     direct p50 %.3f p99 %.3f | proxied p50 %.3f p99 %.3f | added p50 %.3f ms p99 %.3f ms",
                            "  targets: added p50 <= %.0f ms, p99 <= %.0f ms: %s (model calls logged: %d)"),
                    requests, wholeDirectP50, wholeDirectP99, wholeProxyP50, wholeProxyP99, wholeAddedP50(), wholeAddedP99(),
                    streamDirectP50, streamDirectP99, streamProxyP50, streamProxyP99, streamAddedP50(), streamAddedP99(),
                    TARGET_P50_MS, TARGET_P99_MS, meetsTargets() ? "met" : "NOT met", modelCallsLogged);
        }
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Result r = run(n);
        System.out.println(r.report());
    }

    /** Runs {@code requests} measured requests per series after a warm-up of the same size (at least 200). */
    public static Result run(int requests) throws IOException {
        AtomicLong logged = new AtomicLong();
        AttemptLog log = new AttemptLog() {
            @Override
            public void event(TranscriptEvent event) {
            }

            @Override
            public void modelCall(ModelCall call) {
                logged.incrementAndGet();
            }

            @Override
            public long elapsedMs() {
                return 0;
            }
        };
        try (ZeroLatencyUpstream upstream = new ZeroLatencyUpstream()) {
            EndpointSpec ep = new EndpointSpec(upstream.baseUrl(), KEY_ENV, Map.of(), Map.of());
            Upstream model = new Upstream("main", ep, new ModelSpec("bench", "bench/model", null, 4096));
            ProxySettings settings = new ProxySettings(model, model, Map.of(KEY_ENV, KEY), RetryPolicy.none(), null,
                    ProxySettings.newToken(), 0, null);
            try (ProxyServer proxy = ProxyServer.start(settings, log)) {
                // The shared client's pool and dispatcher, with a short read timeout so a stuck request fails.
                OkHttpClient http = UpstreamHttp.shared().newBuilder().readTimeout(Duration.ofSeconds(10)).build();
                Bench b = new Bench(http, upstream.baseUrl() + "/chat/completions",
                        proxy.baseUrl() + "/v1/messages?beta=true", proxy.token());
                b.series(Math.max(200, requests), false);
                b.series(Math.max(200, requests), true);
                double[][] whole = b.series(requests, false);
                double[][] stream = b.series(requests, true);
                return new Result(requests,
                        pct(whole[0], 50), pct(whole[0], 99), pct(whole[1], 50), pct(whole[1], 99),
                        pct(stream[0], 50), pct(stream[0], 99), pct(stream[1], 50), pct(stream[1], 99),
                        logged.get());
            }
        }
    }

    static double pct(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    /** Sends the paired requests and times them. */
    private static final class Bench {
        private final OkHttpClient http;
        private final String directUrl;
        private final String proxyUrl;
        private final String token;

        Bench(OkHttpClient http, String directUrl, String proxyUrl, String token) {
            this.http = http;
            this.directUrl = directUrl;
            this.proxyUrl = proxyUrl;
            this.token = token;
        }

        /** [0] direct timings, [1] proxied timings, in ms; the order alternates so neither side is favoured. */
        double[][] series(int n, boolean stream) throws IOException {
            ObjectNode anthropic = anthropicRequest(stream);
            byte[] anthropicBytes = WireJson.MAPPER.writeValueAsBytes(anthropic);
            byte[] openAiBytes = WireJson.MAPPER.writeValueAsBytes(MessagesRequest.toChat(anthropic, new TargetModel("bench/model", null, false, false, false)).body());
            double[] direct = new double[n];
            double[] proxied = new double[n];
            for (int i = 0; i < n; i++) {
                if (i % 2 == 0) {
                    direct[i] = time(directUrl, openAiBytes, "Bearer " + KEY, stream, "\"content\":\"The");
                    proxied[i] = time(proxyUrl, anthropicBytes, "Bearer " + token, stream, "content_block_delta");
                } else {
                    proxied[i] = time(proxyUrl, anthropicBytes, "Bearer " + token, stream, "content_block_delta");
                    direct[i] = time(directUrl, openAiBytes, "Bearer " + KEY, stream, "\"content\":\"The");
                }
            }
            return new double[][] {direct, proxied};
        }

        private double time(String url, byte[] body, String auth, boolean stream, String firstChunkMarker) throws IOException {
            Request req = new Request.Builder().url(url).header("Authorization", auth)
                    .post(RequestBody.create(body, JSON)).build();
            long t0 = System.nanoTime();
            try (Response r = http.newCall(req).execute()) {
                if (r.code() != 200) {
                    throw new IOException("benchmark request to " + url + " failed: HTTP " + r.code());
                }
                BufferedSource src = r.body().source();
                if (!stream) {
                    src.readByteArray();
                    return (System.nanoTime() - t0) / 1e6;
                }
                double ttfc = -1;
                String line;
                while ((line = src.readUtf8Line()) != null) {
                    if (ttfc < 0 && line.startsWith("data:") && line.contains(firstChunkMarker)) {
                        ttfc = (System.nanoTime() - t0) / 1e6;
                    }
                }
                if (ttfc < 0) {
                    throw new IOException("benchmark stream from " + url + " carried no content chunk");
                }
                return ttfc;
            }
        }

        private static ObjectNode anthropicRequest(boolean stream) {
            ObjectNode r = WireJson.MAPPER.createObjectNode();
            r.put("model", "bench/model").put("max_tokens", 1024).put("stream", stream);
            r.putArray("system").addObject().put("type", "text").put("text", "You are a benchmark.");
            r.putArray("messages").addObject().put("role", "user").put("content", "What is the answer?");
            return r;
        }
    }
}
