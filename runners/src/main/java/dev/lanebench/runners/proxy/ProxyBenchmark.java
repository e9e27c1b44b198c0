package dev.lanebench.runners.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.runners.agent.AttemptLog;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.agent.TranscriptEvent;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.proxy.chat.TargetModel;
import dev.lanebench.runners.proxy.messages.MessagesRequest;
import dev.lanebench.runners.proxy.responses.ResponsesRequest;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import dev.lanebench.runners.upstream.WireJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what the proxy adds, on both fronts, as a CLI sees it: a zero-latency upstream and the client each run
 * as a process of their own (a real provider never shares the proxy's JVM, and a client in the same JVM would
 * share its threads and heap), the proxy in this one. The client sends the same requests straight to the
 * upstream and through the proxy, interleaved, after a warm-up; added latency is the proxied percentile minus
 * the direct one. Whole answers are timed to the last byte, streamed ones to the first content chunk.
 * {@code lanebench bench proxy} prints {@link Result#report()}.
 */
public final class ProxyBenchmark {
    private static final String KEY_ENV = "LANEBENCH_BENCH_KEY";
    private static final String KEY = "bench-upstream-key";
    public static final double TARGET_P50_MS = 0.5;
    public static final double TARGET_P99_MS = 3.0;

    private ProxyBenchmark() {
    }

    /**
     * One series: the same request direct and proxied, in milliseconds.
     *
     * @param name e.g. "messages, streamed (first chunk)"
     */
    public record Series(String name, double directP50, double directP99, double proxyP50, double proxyP99) {
        public double addedP50() {
            return proxyP50 - directP50;
        }

        public double addedP99() {
            return proxyP99 - directP99;
        }

        public boolean meetsTargets() {
            return addedP50() <= TARGET_P50_MS && addedP99() <= TARGET_P99_MS;
        }
    }

    /**
     * The figures of one run.
     *
     * @param requests         measured requests per series and side
     * @param warmup           unmeasured requests per series and side before them
     * @param series           whole and streamed, for each front
     * @param modelCallsLogged upstream calls the proxy recorded (one per proxied request)
     */
    public record Result(int requests, int warmup, List<Series> series, long modelCallsLogged) {
        public boolean meetsTargets() {
            return series.stream().allMatch(Series::meetsTargets);
        }

        public String report() {
            StringBuilder r = new StringBuilder(String.format(Locale.ROOT,
                    "proxy benchmark: upstream (zero latency) and client in separate processes, proxy in this one;%n"
                            + "  %d warm-up + %d measured requests per series and side, interleaved%n", warmup, requests));
            for (Series s : series) {
                r.append(String.format(Locale.ROOT,
                        "  %-36s direct p50 %.3f p99 %.3f | proxied p50 %.3f p99 %.3f | added p50 %.3f ms p99 %.3f ms%n",
                        s.name(), s.directP50(), s.directP99(), s.proxyP50(), s.proxyP99(), s.addedP50(), s.addedP99()));
            }
            r.append(String.format(Locale.ROOT, "  targets: added p50 <= %.1f ms, p99 <= %.0f ms on both fronts: %s "
                    + "(model calls logged: %d)", TARGET_P50_MS, TARGET_P99_MS, meetsTargets() ? "met" : "NOT met",
                    modelCallsLogged));
            return r.toString();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.println(run(n, args.length > 1 ? Integer.parseInt(args[1]) : n).report());
    }

    /** Runs {@code warmup} then {@code requests} requests per series and side. */
    public static Result run(int requests, int warmup) throws IOException, InterruptedException {
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
        Path plan = Files.createTempFile("lanebench-bench-proxy", ".json");
        Process upstream = child(List.of(ZeroLatencyUpstream.class.getName()));
        try {
            String upstreamBase = "http://127.0.0.1:" + portOf(upstream) + "/v1";
            EndpointSpec ep = new EndpointSpec(upstreamBase, KEY_ENV, Map.of(), Map.of());
            Upstream model = new Upstream("main", ep, new ModelSpec("bench", "bench/model", null, 4096));
            ProxySettings settings = new ProxySettings(model, model, Map.of(KEY_ENV, KEY), RetryPolicy.none(), null,
                    ProxySettings.newToken(), 0, null);
            try (ProxyServer proxy = ProxyServer.start(settings, log)) {
                Files.write(plan, WireJson.MAPPER.writeValueAsBytes(plan(upstreamBase, proxy)));
                Process client = child(List.of(BenchClient.class.getName(), plan.toString(),
                        String.valueOf(Math.max(0, warmup)), String.valueOf(requests)));
                JsonNode timings;
                try {
                    timings = WireJson.MAPPER.readTree(client.getInputStream().readAllBytes());
                    if (!client.waitFor(60, TimeUnit.SECONDS) || client.exitValue() != 0 || timings == null) {
                        throw new IOException("benchmark client failed: " + new String(client.getErrorStream().readAllBytes(),
                                StandardCharsets.UTF_8));
                    }
                } finally {
                    client.destroyForcibly();
                }
                List<Series> series = new ArrayList<>();
                timings.fields().forEachRemaining(e -> series.add(new Series(e.getKey(),
                        pct(values(e.getValue().get("direct")), 50), pct(values(e.getValue().get("direct")), 99),
                        pct(values(e.getValue().get("proxied")), 50), pct(values(e.getValue().get("proxied")), 99))));
                return new Result(requests, Math.max(0, warmup), series, logged.get());
            }
        } finally {
            upstream.getOutputStream().close();
            if (!upstream.waitFor(5, TimeUnit.SECONDS)) {
                upstream.destroyForcibly();
            }
            Files.deleteIfExists(plan);
        }
    }

    /** The client's plan: per series, the upstream request and the front's request with what marks its first chunk. */
    private static ObjectNode plan(String upstreamBase, ProxyServer proxy) {
        TargetModel target = new TargetModel("bench/model", null, false, false, false);
        ObjectNode p = WireJson.MAPPER.createObjectNode();
        ArrayNode series = p.putArray("series");
        for (boolean stream : new boolean[] {false, true}) {
            ObjectNode messages = WireJson.MAPPER.createObjectNode();
            messages.put("model", "bench/model").put("max_tokens", 1024).put("stream", stream);
            messages.putArray("system").addObject().put("type", "text").put("text", "You are a benchmark.");
            messages.putArray("messages").addObject().put("role", "user").put("content", "What is the answer?");
            ObjectNode responses = WireJson.MAPPER.createObjectNode();
            responses.put("model", "bench/model").put("instructions", "You are a benchmark.").put("stream", stream);
            responses.putArray("input").addObject().put("type", "message").put("role", "user").putArray("content")
                    .addObject().put("type", "input_text").put("text", "What is the answer?");
            String kind = stream ? "streamed (first chunk)" : "whole (last byte)";
            add(series, "messages, " + kind, stream, upstreamBase, MessagesRequest.toChat(messages, target).body(),
                    proxy.baseUrl() + "/v1/messages?beta=true", messages, proxy.token(), "content_block_delta");
            add(series, "responses, " + kind, stream, upstreamBase, ResponsesRequest.toChat(responses, target).body(),
                    proxy.openAiBaseUrl() + "/responses", responses, proxy.token(), "response.output_text.delta");
        }
        return p;
    }

    private static void add(ArrayNode series, String name, boolean stream, String upstreamBase, ObjectNode direct,
                            String proxyUrl, ObjectNode proxied, String token, String firstChunk) {
        ObjectNode s = series.addObject().put("name", name).put("stream", stream);
        s.putObject("direct").put("url", upstreamBase + "/chat/completions").put("token", KEY)
                .put("first_chunk", "\"content\":\"The").set("body", direct);
        s.putObject("proxied").put("url", proxyUrl).put("token", token).put("first_chunk", firstChunk).set("body", proxied);
    }

    /** A JVM of its own, on this one's classpath, running {@code args} (a main class and its arguments). */
    private static Process child(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int portOf(Process upstream) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(upstream.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("port ")) {
            throw new IOException("the benchmark upstream did not start: " + line);
        }
        return Integer.parseInt(line.substring(5).trim());
    }

    private static double[] values(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    static double pct(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }
}
