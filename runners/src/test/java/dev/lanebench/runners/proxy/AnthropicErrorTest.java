package dev.lanebench.runners.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnthropicErrorTest {

    @Test
    void upstreamRejectingTheRequestIsAnInvalidRequest() {
        AnthropicError e = AnthropicError.fromUpstream(400, "{\"error\":{\"message\":\"bad tool schema\"}}", null, null);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("invalid_request_error");
        assertThat(e.message()).contains("bad tool schema");
        assertThat(e.body().get("type").asText()).isEqualTo("error");
        assertThat(e.body().get("error").get("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void aContextOverflowIsWordedTheWayTheCliRecognisesToCompact() {
        AnthropicError e = AnthropicError.fromUpstream(400,
                "{\"error\":{\"message\":\"This model's maximum context length is 131072 tokens\"}}", null, null);
        assertThat(e.message()).startsWith("prompt is too long");
        assertThat(AnthropicError.fromUpstream(413, "", null, null).message()).startsWith("prompt is too long");
        assertThat(AnthropicError.fromUpstream(400, "bad schema", null, null).message()).doesNotContain("too long");
    }

    @Test
    void authPermissionAndMissingModelKeepTheirMeaning() {
        assertThat(AnthropicError.fromUpstream(401, "no key", null, null).type()).isEqualTo("authentication_error");
        assertThat(AnthropicError.fromUpstream(401, "no key", null, null).status()).isEqualTo(401);
        assertThat(AnthropicError.fromUpstream(403, "", null, null).type()).isEqualTo("permission_error");
        assertThat(AnthropicError.fromUpstream(404, "", null, null).type()).isEqualTo("not_found_error");
    }

    @Test
    void rateLimitsPassRetryAfterOn() {
        AnthropicError e = AnthropicError.fromUpstream(429, "slow down", "7", null);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.type()).isEqualTo("rate_limit_error");
        assertThat(e.retryAfter()).isEqualTo("7");
    }

    @Test
    void serverTroubleIsRetryableAndNeverA400() {
        assertThat(AnthropicError.fromUpstream(500, "", null, null).type()).isEqualTo("api_error");
        assertThat(AnthropicError.fromUpstream(502, "", null, null).status()).isEqualTo(502);
        AnthropicError overloaded = AnthropicError.fromUpstream(503, "", "3", null);
        assertThat(overloaded.status()).isEqualTo(529);
        assertThat(overloaded.type()).isEqualTo("overloaded_error");
        assertThat(overloaded.retryAfter()).isEqualTo("3");
        assertThat(AnthropicError.fromUpstream(529, "", null, null).type()).isEqualTo("overloaded_error");
        // no credits (402) or a timeout (408) is the account's or server's trouble, not the request's
        assertThat(AnthropicError.fromUpstream(402, "insufficient credits", null, null).status()).isEqualTo(500);
        assertThat(AnthropicError.fromUpstream(408, "", null, null).status()).isEqualTo(500);
        assertThat(AnthropicError.unreachable("connection refused").status()).isEqualTo(502);
    }

    @Test
    void anUpstreamKeyEchoedInAnErrorNeverReachesTheCli() {
        AnthropicError e = AnthropicError.fromUpstream(401, "invalid key sk-or-secret-123456", null, "sk-or-secret-123456");
        assertThat(e.message()).doesNotContain("sk-or-secret-123456").contains("***");
        assertThat(e.body().toString()).doesNotContain("sk-or-secret-123456");
    }
}
