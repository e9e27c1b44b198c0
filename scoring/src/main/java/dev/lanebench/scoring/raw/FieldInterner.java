package dev.lanebench.scoring.raw;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of a low-cardinality column (task, lane, model, …) into a shared String, so a million rows
 * carry a handful of String objects whose hash codes are computed once, which keeps table building cheap.
 */
final class FieldInterner {
    private static final int SLOTS = 2048;
    // Half full at most: linear probing stays short, and a column that turns out to be high-cardinality
    // simply stops being remembered instead of growing without bound.
    private static final int CAPACITY = SLOTS / 2;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private int size;

    String intern(byte[] buf, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        while (keys[slot] != null) {
            byte[] key = keys[slot];
            if (Arrays.equals(key, 0, key.length, buf, from, to)) {
                return values[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        String value = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (size < CAPACITY) {
            keys[slot] = Arrays.copyOfRange(buf, from, to);
            values[slot] = value;
            size++;
        }
        return value;
    }
}
