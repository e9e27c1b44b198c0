package dev.lanebench.runners.sandbox;

import java.util.BitSet;

/**
 * Unprivileged user ids lent to sandboxes while the harness runs as root: each live sandbox session gets one
 * of its own, so its processes own nothing else on the machine, can read no root-only file, and count
 * against a process limit of their own (the kernel does not limit root's processes).
 */
final class PrivateUids {
    /** Far above any real account, below 2^31 so no tool reads it as negative. */
    static final int BASE = 2_140_000_000;
    private static final int SLOTS = 4096;
    private static final BitSet TAKEN = new BitSet(SLOTS);

    private PrivateUids() {
    }

    static synchronized int take() {
        int slot = TAKEN.nextClearBit(0);
        if (slot >= SLOTS) {
            throw new IllegalStateException("more than " + SLOTS + " sandboxes at once");
        }
        TAKEN.set(slot);
        return BASE + slot;
    }

    static synchronized void give(int uid) {
        TAKEN.clear(uid - BASE);
    }

    /** The harness's own uid, read from the kernel (user.name can be set to anything). */
    static int harnessUid() {
        try {
            return (Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
