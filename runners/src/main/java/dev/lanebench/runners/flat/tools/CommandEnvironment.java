package dev.lanebench.runners.flat.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The environment a {@code run} command gets, built from nothing: PATH, HOME and TMPDIR inside the attempt's
 * scratch folder, LANG. Nothing else of the harness's environment (API keys above all) reaches the command.
 */
public final class CommandEnvironment {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private CommandEnvironment() {
    }

    /**
     * @param harnessEnv only PATH is read from it, so tools the user installed are found
     * @param scratch    the attempt's private folder; home/ and tmp/ are created in it
     */
    public static Map<String, String> build(Map<String, String> harnessEnv, Path scratch) throws IOException {
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path tmp = Files.createDirectories(scratch.resolve("tmp"));
        String path = harnessEnv.get("PATH");
        return Map.of(
                "PATH", path == null || path.isBlank() ? DEFAULT_PATH : path,
                "HOME", home.toAbsolutePath().toString(),
                "TMPDIR", tmp.toAbsolutePath().toString(),
                "LANG", "C.UTF-8");
    }
}
