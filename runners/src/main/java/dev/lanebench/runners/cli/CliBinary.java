package dev.lanebench.runners.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds an agent CLI's binary — the lane's setting, else an environment variable, else PATH from the harness
 * environment — and reads its version once per binary. Shared by the runners of real agent CLIs.
 */
public final class CliBinary {
    private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();

    /** Where the binary is, or why it is not there. */
    public record Lookup(Path path, String problem) {
        public boolean found() {
            return path != null;
        }
    }

    private CliBinary() {
    }

    /**
     * @param name       the binary's name on PATH (also used in messages)
     * @param configured the lane's setting (e.g. {@code claude_bin}), may be null
     * @param laneField  that setting's name, for messages
     * @param envVar     the environment variable that may name the binary
     */
    public static Lookup find(String name, String configured, String laneField, String envVar, Map<String, String> env) {
        if (configured != null && !configured.isBlank()) {
            return explicit(name, configured, "lane " + laneField);
        }
        String fromEnv = env.get(envVar);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return explicit(name, fromEnv, envVar);
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new Lookup(candidate.toAbsolutePath(), null);
            }
        }
        return new Lookup(null, name + " not found on PATH");
    }

    private static Lookup explicit(String name, String configured, String source) {
        Path p = Path.of(configured);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
            return new Lookup(p.toAbsolutePath(), null);
        }
        return new Lookup(null, name + " not found at " + configured + " (" + source + ")");
    }

    /**
     * The binary's version as {@code parse} reads it from {@code --version}, or null when it cannot be read;
     * asked once per binary, with its own HOME (even {@code --version} may write settings there) and a bounded
     * wait.
     *
     * @param env   variables besides PATH, HOME and TMPDIR that keep the binary quiet (no update check)
     * @param parse the version from the whole output, or null
     */
    public static String version(Path bin, Map<String, String> env, Function<String, String> parse) {
        String cached = VERSIONS.get(bin);
        if (cached != null) {
            return cached;
        }
        String v = readVersion(bin, env, parse);
        if (v != null) {
            VERSIONS.put(bin, v);
        }
        return v;
    }

    private static String readVersion(Path bin, Map<String, String> extra, Function<String, String> parse) {
        Path home = null;
        try {
            home = Files.createTempDirectory("lanebench-cli-version");
            ProcessBuilder pb = new ProcessBuilder(List.of(bin.toString(), "--version"));
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
            pb.environment().put("HOME", home.toString());
            pb.environment().put("TMPDIR", home.toString());
            pb.environment().putAll(extra);
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
            return p.exitValue() != 0 || text.isEmpty() ? null : parse.apply(text);
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            deleteQuietly(home);
        }
    }

    private static void deleteQuietly(Path dir) {
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
