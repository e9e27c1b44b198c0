package dev.lanebench.harness.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this lanebench lives: the checkout the launcher runs from ({@code -Dlanebench.home}), else the folder
 * above the jar's {@code harness/target/}. Default files are found here when the current folder lacks them.
 */
public final class LanebenchHome {
    private LanebenchHome() {
    }

    /** The lanebench folder, or null when neither the launcher nor the jar's place tells. */
    public static Path dir() {
        String prop = System.getProperty("lanebench.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        try {
            Path code = Path.of(LanebenchHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // harness/target/lanebench.jar or harness/target/classes: three levels up is the checkout.
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            root = root == null ? null : root.getParent();
            return root != null && Files.isRegularFile(root.resolve("lanes.yaml")) ? root : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A default path as the user means it: relative to the current folder when it exists there, else to the
     * lanebench folder when it exists there, else as given (so the error names what was looked for).
     */
    public static Path resolveDefault(Path relative) {
        if (relative.isAbsolute() || Files.exists(relative)) {
            return relative;
        }
        Path home = dir();
        if (home != null && Files.exists(home.resolve(relative))) {
            return home.resolve(relative);
        }
        return relative;
    }

    /** How the user started lanebench, for commands printed back to them (e.g. {@code ./lanebench}). */
    public static String launcher() {
        String prop = System.getProperty("lanebench.launcher");
        return prop == null || prop.isBlank() ? "lanebench" : prop;
    }
}
