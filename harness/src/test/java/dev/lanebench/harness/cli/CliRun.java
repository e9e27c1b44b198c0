package dev.lanebench.harness.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the lanebench command line in-process and captures its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
    /** The repository's scoring.yaml, as the tests run from a module folder. */
    static final java.nio.file.Path SCORING = java.nio.file.Path.of("../scoring.yaml").toAbsolutePath();

    /** {@code lanebench run} over a test catalogue and lane file with the shipped scoring, plus extra arguments. */
    static CliRun run(java.nio.file.Path tasks, java.nio.file.Path lanes, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "--tasks-dir", tasks.toString(),
                "--lanes-file", lanes.toString(), "--scoring-file", SCORING.toString()));
        args.addAll(java.util.List.of(extra));
        return of(args.toArray(String[]::new));
    }

    static CliRun of(String... args) {
        return withEnv(System.getenv(), args);
    }

    static synchronized CliRun withEnv(java.util.Map<String, String> env, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(env, args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
