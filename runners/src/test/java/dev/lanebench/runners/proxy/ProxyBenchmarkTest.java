package dev.lanebench.runners.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark runs and reports; its figures are judged by people reading them, not by a timed test. */
class ProxyBenchmarkTest {

    @Test
    void aShortRunMeasuresBothFrontsFromAClientProcessAndLogsOneModelCallPerProxiedRequest() throws Exception {
        ProxyBenchmark.Result r = ProxyBenchmark.run(50, 20);
        System.out.println(r.report());
        assertThat(r.requests()).isEqualTo(50);
        assertThat(r.series()).extracting(ProxyBenchmark.Series::name).containsExactlyInAnyOrder(
                "messages, whole (last byte)", "responses, whole (last byte)",
                "messages, streamed (first chunk)", "responses, streamed (first chunk)");
        assertThat(r.modelCallsLogged()).isEqualTo(4 * (50 + 20));
        assertThat(r.series()).allMatch(s -> s.directP50() > 0 && s.proxyP99() >= s.proxyP50());
        assertThat(r.report()).contains("added p50").contains("targets").contains("separate processes");
    }

    @Test
    void percentilesAreNearestRank() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i;
        }
        assertThat(ProxyBenchmark.pct(v, 50)).isEqualTo(50);
        assertThat(ProxyBenchmark.pct(v, 99)).isEqualTo(99);
        assertThat(ProxyBenchmark.pct(new double[] {3}, 99)).isEqualTo(3);
    }
}
