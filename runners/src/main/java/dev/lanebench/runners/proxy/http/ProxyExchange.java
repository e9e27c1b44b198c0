package dev.lanebench.runners.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanebench.runners.upstream.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request to a {@link LoopbackHttpServer} and the means to answer it: the body, read on demand up to a
 * size cap; a whole answer (status line, headers and body in one write); or a chunked stream whose headers
 * leave with its first chunk. Fronts answer only through this, so the HTTP details live in one place.
 */
public final class ProxyExchange {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    /** An unread body up to this size is skipped to keep the connection; a longer one closes it. */
    private static final int DRAIN_LIMIT = 1024 * 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String method;
    private final String path;
    private final boolean http10;
    private final Map<String, List<String>> headers;
    private final InputStream in;
    private final OutputStream out;
    private final Connection connection;
    private byte[] body;
    private boolean bodyLeft;
    private boolean keepAlive;
    private boolean answered;
    private ChunkedOutput stream;
    private SseStream sse;

    /** The request's body was longer than the cap; nothing more of it is read and the connection closes. */
    public static final class BodyTooLarge extends Exception {
        private final long cap;

        BodyTooLarge(long cap) {
            super("request body over " + cap + " bytes");
            this.cap = cap;
        }

        public long cap() {
            return cap;
        }
    }

    /**
     * What the requests of one connection reuse, one after the other: the line being read and the buffers a
     * streamed answer is framed in. Requests on a connection never overlap, so nothing here is shared.
     */
    static final class Connection {
        final StringBuilder line = new StringBuilder(256);
        final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);
        final ByteArrayOutputStream frame = new ByteArrayOutputStream(4096);
    }

    private ProxyExchange(String method, String target, String version, Map<String, List<String>> headers,
                          InputStream in, OutputStream out, Connection connection) {
        this.method = method;
        this.connection = connection;
        int q = target.indexOf('?');
        String p = q < 0 ? target : target.substring(0, q);
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.path = p;
        this.http10 = version.equals("HTTP/1.0");
        this.headers = headers;
        this.in = in;
        this.out = out;
        String close = header("Connection");
        this.keepAlive = !http10 && (close == null || !close.toLowerCase(Locale.ROOT).contains("close"));
        this.bodyLeft = header("Content-Length") != null && !"0".equals(header("Content-Length").trim())
                || header("Transfer-Encoding") != null;
    }

    /** Reads the next request's line and headers from a connection; null when the client closed it. */
    static ProxyExchange read(InputStream in, OutputStream out, Connection connection) throws IOException {
        StringBuilder buf = connection.line;
        String line;
        do {
            line = line(in, buf);
            if (line == null) {
                return null;
            }
        } while (line.isEmpty());
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x request line: " + line);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int n = 0; ; n++) {
            String h = line(in, buf);
            if (h == null) {
                throw new IOException("connection closed inside the request headers");
            }
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon <= 0 || n >= MAX_HEADERS) {
                throw new IOException("bad request header: " + h);
            }
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(h.substring(colon + 1).trim());
        }
        return new ProxyExchange(parts[0], parts[1], parts[2], headers, in, out, connection);
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, without its end; null at end of stream. */
    private static String line(InputStream in, StringBuilder sb) throws IOException {
        sb.setLength(0);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("request line or header over " + MAX_LINE + " bytes");
            }
            sb.append((char) c);
        }
        if (sb.length() == 0) {
            return null;
        }
        throw new IOException("connection closed inside a line");
    }

    public String method() {
        return method;
    }

    /** The path without query or trailing slash ({@code /v1/messages?beta=true} reads {@code /v1/messages}). */
    public String path() {
        return path;
    }

    /** The first value of a request header (names are case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Every request header, names in lower case. */
    public Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    boolean keepAlive() {
        return keepAlive;
    }

    /**
     * The request body, at most {@code cap} bytes (read once, then kept). A longer body, by its Content-Length
     * or as its chunks arrive, is refused without reading the rest; the connection then closes after the answer.
     */
    public byte[] body(int cap) throws IOException, BodyTooLarge {
        if (body != null) {
            return body;
        }
        String te = header("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked(cap);
        } else {
            long length = contentLength();
            if (length > cap) {
                keepAlive = false;
                throw new BodyTooLarge(cap);
            }
            continueIfExpected();
            body = in.readNBytes((int) Math.max(0, length));
            if (body.length < length) {
                throw new IOException("connection closed inside the request body");
            }
        }
        bodyLeft = false;
        return body;
    }

    private byte[] chunked(int cap) throws IOException, BodyTooLarge {
        continueIfExpected();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, connection.line);
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = line(in, connection.line);
                } while (trailer != null && !trailer.isEmpty());
                return b.toByteArray();
            }
            if (b.size() + size > cap) {
                keepAlive = false;
                throw new BodyTooLarge(cap);
            }
            b.write(in.readNBytes((int) size));
            line(in, connection.line);
        }
    }

    private void continueIfExpected() throws IOException {
        String expect = header("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue") && !http10) {
            out.write(CONTINUE);
            out.flush();
        }
    }

    private long contentLength() {
        String v = header("Content-Length");
        try {
            return v == null ? 0 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Answers with a whole JSON body. */
    public void json(int status, JsonNode body, String retryAfter) throws IOException {
        send(status, "application/json", WireJson.MAPPER.writeValueAsBytes(body),
                retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter));
    }

    /** Answers with no body (connectivity probes). */
    public void empty(int status) throws IOException {
        send(status, null, new byte[0], Map.of());
    }

    /** Answers with a whole body: status line, headers and body leave in one write. */
    public void send(int status, String contentType, byte[] content, Map<String, String> extraHeaders) throws IOException {
        if (answered) {
            throw new IllegalStateException("already answered");
        }
        answered = true;
        StringBuilder head = head(status, contentType, extraHeaders);
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean withBody = !method.equals("HEAD") && content.length > 0;
        byte[] all = new byte[h.length + (withBody ? content.length : 0)];
        System.arraycopy(h, 0, all, 0, h.length);
        if (withBody) {
            System.arraycopy(content, 0, all, h.length, content.length);
        }
        out.write(all);
        out.flush();
    }

    /**
     * Starts a chunked answer: what is written goes out as one chunk per {@code flush()}, the status line and
     * headers with the first; {@code close()} ends it.
     */
    public OutputStream stream(int status, String contentType, Map<String, String> extraHeaders) {
        if (answered) {
            throw new IllegalStateException("already answered");
        }
        answered = true;
        StringBuilder head = head(status, contentType, extraHeaders);
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        stream = new ChunkedOutput(out, head.toString().getBytes(StandardCharsets.ISO_8859_1), connection);
        return stream;
    }

    /** The event stream of this answer; its 200 goes out with the first event. */
    public SseStream sse() {
        if (sse == null) {
            sse = new SseStream(this);
        }
        return sse;
    }

    private StringBuilder head(int status, String contentType, Map<String, String> extraHeaders) {
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        return head;
    }

    /**
     * After the handler: ends an open stream, answers a request left unanswered with a 500, and skips a body
     * nobody read (or gives up the connection when it is long).
     */
    void finish() throws IOException {
        if (bodyLeft && keepAlive) {
            try {
                if (contentLength() > DRAIN_LIMIT) {
                    keepAlive = false;
                } else {
                    body(DRAIN_LIMIT);
                }
            } catch (BodyTooLarge e) {
                keepAlive = false;
            }
        }
        if (!answered) {
            send(500, null, new byte[0], Map.of());
        } else if (stream != null) {
            stream.close();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 529 -> "Overloaded";
            default -> "Status " + status;
        };
    }

    /** Chunked transfer encoding over the connection: one write per flush, the headers with the first. */
    private static final class ChunkedOutput extends OutputStream {
        private static final byte[] CRLF = {'\r', '\n'};
        private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private final OutputStream out;
        private byte[] head;
        /** What the next chunk carries, and the frame it leaves in: the connection's, reused. */
        private final ByteArrayOutputStream pending;
        private final ByteArrayOutputStream frame;
        private boolean closed;

        ChunkedOutput(OutputStream out, byte[] head, Connection connection) {
            this.out = out;
            this.head = head;
            this.pending = connection.pending;
            this.frame = connection.frame;
            pending.reset();
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            send(false);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                send(true);
                closed = true;
            }
        }

        private void send(boolean last) throws IOException {
            if (closed || (pending.size() == 0 && head == null && !last)) {
                return;
            }
            frame.reset();
            if (head != null) {
                frame.write(head);
                head = null;
            }
            if (pending.size() > 0) {
                frame.write(Integer.toHexString(pending.size()).getBytes(StandardCharsets.US_ASCII));
                frame.write(CRLF);
                pending.writeTo(frame);
                frame.write(CRLF);
                pending.reset();
            }
            if (last) {
                frame.write(LAST);
            }
            frame.writeTo(out);
            out.flush();
        }
    }
}
