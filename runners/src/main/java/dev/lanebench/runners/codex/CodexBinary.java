package dev.lanebench.runners.codex;

import dev.lanebench.runners.cli.CliBinary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the codex CLI (lane {@code codex_bin}, else {@code LANEBENCH_CODEX_BIN}, else {@code codex} on PATH) and
 * the native binary inside its npm package. The npm {@code codex} command is a Node script that starts a binary
 * from the platform package ({@code @openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex}); the
 * runner starts that binary directly, so the sandbox needs only its folder, read-only, and no Node.
 */
final class CodexBinary {
    static final String ENV_BIN = "LANEBENCH_CODEX_BIN";

    /**
     * The native binary and the folder the sandbox must show, or why there is none.
     *
     * @param binary the native codex binary
     * @param folder its platform folder ({@code vendor/<target>}: the binary, its bundled ripgrep, resources)
     */
    record Found(Path binary, Path folder, String problem) {
        boolean found() {
            return binary != null;
        }
    }

    private CodexBinary() {
    }

    static Found find(String laneCodexBin, Map<String, String> env) {
        CliBinary.Lookup l = CliBinary.find("codex", laneCodexBin, "codex_bin", ENV_BIN, env);
        if (!l.found()) {
            return new Found(null, null, l.problem());
        }
        return nativeOf(l.path());
    }

    /** The native binary behind a codex command: itself when it is one, else the npm package's. */
    static Found nativeOf(Path command) {
        Path real;
        try {
            real = command.toRealPath();
        } catch (IOException e) {
            return new Found(null, null, "codex not readable at " + command + ": " + e.getMessage());
        }
        if (isElf(real)) {
            Path folder = real.getParent().getFileName() != null && real.getParent().getFileName().toString().equals("bin")
                    ? real.getParent().getParent() : real.getParent();
            return new Found(real, folder, null);
        }
        String target = target();
        if (target == null) {
            return new Found(null, null, "codex runner supports Linux on x86_64 and arm64, not "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        // <prefix>/node_modules/@openai/codex/bin/codex.js -> <prefix>/node_modules/@openai/codex-<platform>/vendor/...
        Path pkg = real.getParent().getParent();
        String platformPackage = target.startsWith("x86_64") ? "codex-linux-x64" : "codex-linux-arm64";
        List<Path> candidates = List.of(
                pkg.resolveSibling(platformPackage).resolve("vendor").resolve(target),
                pkg.resolve("node_modules/@openai").resolve(platformPackage).resolve("vendor").resolve(target),
                pkg.resolve("vendor").resolve(target));
        for (Path folder : candidates) {
            Path bin = folder.resolve("bin/codex");
            if (Files.isRegularFile(bin) && Files.isExecutable(bin) && isElf(bin)) {
                return new Found(bin, folder, null);
            }
        }
        return new Found(null, null, "codex native binary not found beside " + real
                + " (reinstall @openai/codex with its optional platform package)");
    }

    /** The CLI's version ("0.169.0"), or null when it cannot be read; asked once per binary. */
    static String version(Path nativeBinary) {
        // "codex-cli 0.169.0", possibly after warning lines
        return CliBinary.version(nativeBinary, Map.of(), out -> out.lines().filter(l -> l.startsWith("codex-cli "))
                .map(l -> l.substring("codex-cli ".length()).trim()).findFirst().orElse(null));
    }

    private static String target() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64-unknown-linux-musl";
            case "aarch64", "arm64" -> "aarch64-unknown-linux-musl";
            default -> null;
        };
    }

    private static boolean isElf(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }
}
