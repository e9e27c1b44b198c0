package dev.lanebench.runners.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyErrorTest {

    @Test
    void upstreamRejectingTheRequestIsAnInvalidRequest() {
        ProxyError e = ProxyError.fromUpstream(400, "{\"error\":{\"message\":\"bad tool schema\"}}", null, null);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.kind()).isEqualTo(ProxyError.Kind.INVALID_REQUEST);
        assertThat(e.message()).contains("bad tool schema");
        assertThat(e.kind().retryable()).isFalse();
    }

    @Test
    void aContextOverflowIsWordedTheWayTheCliRecognisesToCompact() {
        ProxyError e = ProxyError.fromUpstream(400,
                "{\"error\":{\"message\":\"This model's maximum context length is 131072 tokens\"}}", null, null);
        assertThat(e.message()).startsWith("prompt is too long");
        assertThat(e.kind()).isEqualTo(ProxyError.Kind.CONTEXT_TOO_LONG);
        assertThat(e.status()).isEqualTo(400);
        assertThat(ProxyError.fromUpstream(413, "", null, null).message()).startsWith("prompt is too long");
        assertThat(ProxyError.fromUpstream(400, "bad schema", null, null).message()).doesNotContain("too long");
    }

    @Test
    void authPermissionAndMissingModelKeepTheirMeaning() {
        assertThat(ProxyError.fromUpstream(401, "no key", null, null).kind()).isEqualTo(ProxyError.Kind.AUTHENTICATION);
        assertThat(ProxyError.fromUpstream(401, "no key", null, null).status()).isEqualTo(401);
        assertThat(ProxyError.fromUpstream(403, "", null, null).kind()).isEqualTo(ProxyError.Kind.PERMISSION);
        assertThat(ProxyError.fromUpstream(404, "", null, null).kind()).isEqualTo(ProxyError.Kind.NOT_FOUND);
    }

    @Test
    void rateLimitsPassRetryAfterOn() {
        ProxyError e = ProxyError.fromUpstream(429, "slow down", "7", null);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.kind()).isEqualTo(ProxyError.Kind.RATE_LIMIT);
        assertThat(e.retryAfter()).isEqualTo("7");
    }

    @Test
    void serverTroubleIsRetryableAndNeverA400() {
        assertThat(ProxyError.fromUpstream(500, "", null, null).kind().retryable()).isTrue();
        assertThat(ProxyError.fromUpstream(500, "", null, null).kind()).isEqualTo(ProxyError.Kind.API_ERROR);
        assertThat(ProxyError.fromUpstream(502, "", null, null).status()).isEqualTo(502);
        ProxyError overloaded = ProxyError.fromUpstream(503, "", "3", null);
        assertThat(overloaded.status()).isEqualTo(529);
        assertThat(overloaded.kind()).isEqualTo(ProxyError.Kind.OVERLOADED);
        assertThat(overloaded.retryAfter()).isEqualTo("3");
        assertThat(ProxyError.fromUpstream(529, "", null, null).kind()).isEqualTo(ProxyError.Kind.OVERLOADED);
        // no credits (402) or a timeout (408) is the account's or server's trouble, not the request's
        assertThat(ProxyError.fromUpstream(402, "insufficient credits", null, null).status()).isEqualTo(500);
        assertThat(ProxyError.fromUpstream(408, "", null, null).status()).isEqualTo(500);
        assertThat(ProxyError.unreachable("connection refused").status()).isEqualTo(502);
    }

    @Test
    void anUpstreamKeyEchoedInAnErrorNeverReachesTheCli() {
        ProxyError e = ProxyError.fromUpstream(401, "invalid key sk-or-secret-123456", null, "sk-or-secret-123456");
        assertThat(e.message()).doesNotContain("sk-or-secret-123456").contains("***");
    }
}
