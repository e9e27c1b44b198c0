package dev.lanebench.scoring.raw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers the distinct {@link ScoreKey}s of a file by the raw bytes of their six fields: one hash over the
 * bytes, eight at a time, and one comparison per byte range, instead of a String per field and a map lookup
 * per String. The reader hands over the fields as a few ranges of raw bytes (task to model are next to each
 * other in the file, so usually two ranges); equal values spelled differently (quoted or not) just get two
 * numbers for one key, which the tally joins. The Strings of a key are made once, when it is first seen.
 */
final class ScoreKeyInterner {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private int[] slots = new int[1024]; // key number + 1, 0 = empty
    private long[] slotHashes = new long[1024];
    private final List<byte[]> keyBytes = new ArrayList<>(); // the ranges, each as [length (4 bytes)][bytes]
    private final List<ScoreKey> keys = new ArrayList<>();

    /** The key of the current record as ranges of raw bytes of {@code buf()}, and its six values. */
    interface Fields {
        byte[] buf();

        /** How many byte ranges hold the six fields. */
        int ranges();

        int start(int range);

        int end(int range);

        /** Field k's value (task, tier, lane, runner, model, task_hash, sandbox) as a String, for a new key. */
        String text(int k);
    }

    /** The number of the current record's key. */
    int intern(Fields f) {
        byte[] buf = f.buf();
        int ranges = f.ranges();
        long h = 0;
        for (int k = 0; k < ranges; k++) {
            h = hash(buf, f.start(k), f.end(k), h);
        }
        int mask = slots.length - 1;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (slots[slot] != 0) {
            if (slotHashes[slot] == h && same(keyBytes.get(slots[slot] - 1), buf, f)) {
                return slots[slot] - 1;
            }
            slot = (slot + 1) & mask;
        }
        int id = keys.size();
        keys.add(new ScoreKey(f.text(0), f.text(1), f.text(2), f.text(3), f.text(4), f.text(5), f.text(6)));
        keyBytes.add(copy(buf, f));
        slots[slot] = id + 1;
        slotHashes[slot] = h;
        if (keys.size() * 2 > slots.length) {
            grow();
        }
        return id;
    }

    ScoreKey key(int id) {
        return keys.get(id);
    }

    private static long hash(byte[] buf, int s, int e, long h) {
        int p = s;
        for (; p + Long.BYTES <= e; p += Long.BYTES) {
            h = (h ^ (long) LONGS.get(buf, p)) * MIX;
        }
        long tail = e - s;
        for (; p < e; p++) {
            tail = (tail << 8) | (buf[p] & 0xFF);
        }
        h = (h ^ tail) * MIX;
        return h ^ (h >>> 29);
    }

    private static boolean same(byte[] key, byte[] buf, Fields f) {
        int at = 0;
        int ranges = f.ranges();
        for (int k = 0; k < ranges; k++) {
            int len = ((key[at] & 0xFF) << 24) | ((key[at + 1] & 0xFF) << 16) | ((key[at + 2] & 0xFF) << 8)
                    | (key[at + 3] & 0xFF);
            at += 4;
            int s = f.start(k);
            if (f.end(k) - s != len || !Arrays.equals(key, at, at + len, buf, s, s + len)) {
                return false;
            }
            at += len;
        }
        return at == key.length;
    }

    private static byte[] copy(byte[] buf, Fields f) {
        int ranges = f.ranges();
        int total = 0;
        for (int k = 0; k < ranges; k++) {
            total += 4 + f.end(k) - f.start(k);
        }
        byte[] out = new byte[total];
        int at = 0;
        for (int k = 0; k < ranges; k++) {
            int len = f.end(k) - f.start(k);
            out[at] = (byte) (len >>> 24);
            out[at + 1] = (byte) (len >>> 16);
            out[at + 2] = (byte) (len >>> 8);
            out[at + 3] = (byte) len;
            System.arraycopy(buf, f.start(k), out, at + 4, len);
            at += 4 + len;
        }
        return out;
    }

    private void grow() {
        int[] oldSlots = slots;
        long[] oldHashes = slotHashes;
        slots = new int[oldSlots.length * 2];
        slotHashes = new long[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != 0) {
                int slot = (int) (oldHashes[i] ^ (oldHashes[i] >>> 32)) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = oldSlots[i];
                slotHashes[slot] = oldHashes[i];
            }
        }
    }
}
