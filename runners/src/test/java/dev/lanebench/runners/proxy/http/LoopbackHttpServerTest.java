package dev.lanebench.runners.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy's HTTP server with real sockets: what clients other than the two CLIs may send it. */
class LoopbackHttpServerTest {
    private LoopbackHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Echoes the body's length and the path; answers 413 over 100 bytes; streams on /stream. */
    private void start() throws IOException {
        server = LoopbackHttpServer.start(0, "test-http", ex -> {
            if (ex.path().equals("/stream")) {
                OutputStream os = ex.stream(200, "text/plain", Map.of());
                os.write("one".getBytes(StandardCharsets.UTF_8));
                os.flush();
                os.write("two".getBytes(StandardCharsets.UTF_8));
                os.close();
                return;
            }
            if (ex.path().equals("/silent")) {
                return;
            }
            try {
                byte[] body = ex.body(100);
                ex.send(200, "text/plain", (ex.method() + " " + ex.path() + " " + body.length).getBytes(StandardCharsets.UTF_8), Map.of());
            } catch (ProxyExchange.BodyTooLarge e) {
                ex.empty(413);
            }
        });
    }

    /** Sends raw bytes on one connection and reads until the server closes it or {@code until} appears. */
    private String raw(String request, String until) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
                if (until != null && got.toString(StandardCharsets.ISO_8859_1).contains(until)) {
                    break;
                }
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void twoRequestsOnOneConnectionBothGetAnswers() throws IOException {
        start();
        String out = raw("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /b?q=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", null);
        assertThat(out).contains("Content-Length: 9\r\n\r\nPOST /a 3").contains("GET /b 0").contains("Connection: close");
    }

    @Test
    void aChunkedBodyAndExpectContinueAreRead() throws IOException {
        start();
        String out = raw("POST /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n4\r\nabcd\r\n3;ext=1\r\nefg\r\n0\r\n\r\n", null);
        assertThat(out).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK").contains("POST /c 7");
    }

    @Test
    void aBodyOverTheCapIsRefusedAndTheConnectionCloses() throws IOException {
        start();
        String out = raw("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(200), null);
        assertThat(out).startsWith("HTTP/1.1 413 ").contains("Connection: close");
    }

    @Test
    void aStreamIsChunkedWithTheHeadersInTheFirstWriteAndAHeadRequestGetsNoBody() throws IOException {
        start();
        String out = raw("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", null);
        assertThat(out).contains("Transfer-Encoding: chunked\r\n").endsWith("\r\n\r\n3\r\none\r\n3\r\ntwo\r\n0\r\n\r\n");
        String head = raw("HEAD /h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", null);
        assertThat(head).endsWith("Content-Length: 9\r\n\r\n").doesNotContain("HEAD /h");
    }

    @Test
    void anUnansweredRequestIsA500AndOkHttpKeepsItsConnection() throws IOException {
        start();
        OkHttpClient http = new OkHttpClient();
        try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + server.port() + "/silent").build()).execute()) {
            assertThat(r.code()).isEqualTo(500);
        }
        for (int i = 0; i < 3; i++) {
            Request req = new Request.Builder().url("http://127.0.0.1:" + server.port() + "/p")
                    .post(RequestBody.create("hello", MediaType.get("text/plain"))).build();
            try (Response r = http.newCall(req).execute()) {
                assertThat(r.body().string()).isEqualTo("POST /p 5");
            }
        }
        assertThat(http.connectionPool().connectionCount()).isEqualTo(1);
    }
}
