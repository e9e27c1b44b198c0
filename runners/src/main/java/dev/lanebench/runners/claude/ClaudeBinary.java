package dev.lanebench.runners.claude;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the claude binary (lane {@code claude_bin}, else {@code LANEBENCH_CLAUDE_BIN}, else PATH from the
 * harness environment) and reads its version once per binary.
 */
final class ClaudeBinary {
    static final String ENV_BIN = "LANEBENCH_CLAUDE_BIN";
    private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();

    /** Where the binary is, or why it is not there. */
    record Lookup(Path path, String problem) {
        boolean found() {
            return path != null;
        }
    }

    private ClaudeBinary() {
    }

    static Lookup find(String laneClaudeBin, Map<String, String> env) {
        if (laneClaudeBin != null && !laneClaudeBin.isBlank()) {
            return explicit(laneClaudeBin, "lane claude_bin");
        }
        String fromEnv = env.get(ENV_BIN);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return explicit(fromEnv, ENV_BIN);
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "claude");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new Lookup(candidate.toAbsolutePath(), null);
            }
        }
        return new Lookup(null, "claude not found on PATH");
    }

    private static Lookup explicit(String configured, String source) {
        Path p = Path.of(configured);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
            return new Lookup(p.toAbsolutePath(), null);
        }
        return new Lookup(null, "claude not found at " + configured + " (" + source + ")");
    }

    /** The CLI's version ("2.1.329"), or null when it cannot be read; asked once per binary. */
    static String version(Path bin) {
        String cached = VERSIONS.get(bin);
        if (cached != null) {
            return cached;
        }
        String v = readVersion(bin);
        if (v != null) {
            VERSIONS.put(bin, v);
        }
        return v;
    }

    private static String readVersion(Path bin) {
        Path home = null;
        try {
            // Its own HOME, because even --version may create ~/.claude files.
            home = Files.createTempDirectory("lanebench-claude-version");
            ProcessBuilder pb = new ProcessBuilder(bin.toString(), "--version");
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
            pb.environment().put("HOME", home.toString());
            pb.environment().put("TMPDIR", home.toString());
            pb.environment().put("DISABLE_AUTOUPDATER", "1");
            pb.environment().put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // Output to a file, so a binary that hangs cannot block the read; the wait below is bounded.
            Path out = home.resolve("version.txt");
            pb.redirectErrorStream(true);
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || text.isEmpty()) {
                return null;
            }
            // "2.1.329 (Claude Code)" -> "2.1.329"
            return text.split("\\s+")[0];
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            deleteQuietly(home);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temp folder left behind is harmless
        }
    }
}
