package dev.lanebench.runners.sandbox;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one allowlist of what an agent's process (and a grader) inherits from the harness's environment:
 * the toolchain's PATH (only the folders the sandbox shows), locale, time zone and JAVA_HOME — never an API key
 * or anything else. Everything else a process gets is set on purpose by its runner.
 */
public final class AgentEnvironment {
    /** Passed through when set; none of them can hold a secret. */
    public static final List<String> PASSED_THROUGH = List.of("LANG", "LC_ALL", "LC_CTYPE", "TZ", "JAVA_HOME");
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private AgentEnvironment() {
    }

    /**
     * @param harnessEnv the harness's environment; only the names above and PATH are read
     * @param visible    whether a folder of PATH can be seen where the process runs
     */
    public static Map<String, String> base(Map<String, String> harnessEnv, Predicate<Path> visible) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path(harnessEnv.get("PATH"), visible));
        for (String name : PASSED_THROUGH) {
            String v = harnessEnv.get(name);
            if (v != null && !v.isEmpty()) {
                env.put(name, v);
            }
        }
        env.putIfAbsent("LANG", "C.UTF-8");
        return env;
    }

    /** The folders of {@code harnessPath} that are visible, in order; the default PATH when none is. */
    static String path(String harnessPath, Predicate<Path> visible) {
        List<String> kept = new ArrayList<>();
        if (harnessPath != null) {
            for (String dir : harnessPath.split(File.pathSeparator)) {
                if (!dir.isBlank() && Path.of(dir).isAbsolute() && visible.test(Path.of(dir)) && !kept.contains(dir)) {
                    kept.add(dir);
                }
            }
        }
        return kept.isEmpty() ? DEFAULT_PATH : String.join(File.pathSeparator, kept);
    }
}
