package dev.lanebench.runners.agent;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the first and the last bytes of an output of any length, so a command that prints megabytes costs the
 * model a bounded number of tokens while it still sees how the output began and how it ended.
 */
public final class OutputCap {
    private final byte[] head;
    private final byte[] tail;
    private int headLen;
    private long tailWritten;
    private long total;

    public OutputCap(int headBytes, int tailBytes) {
        this.head = new byte[headBytes];
        this.tail = new byte[tailBytes];
    }

    /** The text with its middle elided past headBytes + tailBytes of UTF-8, as {@link #render()} marks it. */
    public static String of(String text, int headBytes, int tailBytes) {
        OutputCap cap = new OutputCap(headBytes, tailBytes);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        cap.append(b, 0, b.length);
        return cap.render();
    }

    public synchronized void append(byte[] b, int off, int len) {
        total += len;
        int toHead = Math.min(len, head.length - headLen);
        System.arraycopy(b, off, head, headLen, toHead);
        headLen += toHead;
        int rest = len - toHead;
        if (rest == 0 || tail.length == 0) {
            tailWritten += rest;
            return;
        }
        // Only the last tail.length bytes of this write can survive in the ring.
        int skip = Math.max(0, rest - tail.length);
        tailWritten += skip;
        int from = off + toHead + skip;
        int left = rest - skip;
        while (left > 0) {
            int at = (int) (tailWritten % tail.length);
            int n = Math.min(left, tail.length - at);
            System.arraycopy(b, from, tail, at, n);
            tailWritten += n;
            from += n;
            left -= n;
        }
    }

    /** Bytes seen in all. */
    public synchronized long total() {
        return total;
    }

    /** The kept text; when bytes were dropped, a marker between head and tail says how many. */
    public synchronized String render() {
        String start = new String(head, 0, headLen, StandardCharsets.UTF_8);
        if (tailWritten == 0) {
            return start;
        }
        int kept = (int) Math.min(tailWritten, tail.length);
        byte[] end = new byte[kept];
        long from = tailWritten - kept;
        for (int i = 0; i < kept; i++) {
            end[i] = tail[(int) ((from + i) % tail.length)];
        }
        long elided = total - headLen - kept;
        String middle = elided > 0 ? "\n[... " + elided + " bytes elided ...]\n" : "";
        return start + middle + new String(end, StandardCharsets.UTF_8);
    }
}
