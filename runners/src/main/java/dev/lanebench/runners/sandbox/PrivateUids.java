package dev.lanebench.runners.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Hands a folder tree to a private uid (links themselves, never their targets). */
    static void handOver(Path root, int uid) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                own(dir, uid);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                own(file, uid);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void own(Path p, int uid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }
}
