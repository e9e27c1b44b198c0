package dev.lanebench.runners.proxy.chat;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids the proxy makes up for answers and calls an upstream left without one. They only need to be unique within
 * a conversation, so 128 random bits from the thread's own generator do: no lock, no blocking entropy source.
 */
public final class Ids {
    private Ids() {
    }

    /** {@code prefix} followed by 32 hex digits. */
    public static String next(String prefix) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(prefix.length() + 32).append(prefix);
        hex(sb, r.nextLong());
        hex(sb, r.nextLong());
        return sb.toString();
    }

    private static void hex(StringBuilder sb, long v) {
        String h = Long.toHexString(v);
        for (int i = h.length(); i < 16; i++) {
            sb.append('0');
        }
        sb.append(h);
    }
}
