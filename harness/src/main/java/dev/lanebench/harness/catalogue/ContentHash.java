package dev.lanebench.harness.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** A short, stable hash of a folder's files (names and bytes), so a run records exactly which task it graded. */
public final class ContentHash {
    private ContentHash() {
    }

    /**
     * A task's hash: its folder and the catalogue's shared grader support ({@code tasks/_support}), which its
     * grader runs too, so a change to either is a different task.
     */
    public static String ofTask(Path taskDir) {
        Path support = taskDir.toAbsolutePath().normalize().getParent().getParent().resolve("_support");
        String own = ofFolder(taskDir);
        return Files.isDirectory(support) ? ofText(own + ofFolder(support)) : own;
    }

    public static String ofFolder(Path root) {
        MessageDigest sha = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("__pycache__"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            sha.update(root.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try {
                sha.update(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    public static String ofText(String text) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String ofBytes(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
