package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.LanebenchHome;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's training run for the class-data archive: runs the short commands once, quietly, against
 * lanebench's own catalogue and lanes, so the JVM that writes the archive has loaded what they load. Not a
 * user command; its output is thrown away and its exit code is always 0.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) {
        Path home = LanebenchHome.dir();
        List<String> config = new ArrayList<>();
        if (home != null) {
            config.addAll(List.of("--tasks-dir", home.resolve("tasks").toString(), "--lanes-file",
                    home.resolve("lanes.yaml").toString(), "--scoring-file", home.resolve("scoring.yaml").toString()));
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        System.setErr(quiet);
        String[][] commands = {{"--help"}, {"tasks"}, {"lanes"}, {"run", "--help"}, {"table", "--help"},
            {"attempts", "--help"}, {"show", "--help"}, {"run", "--dry-run", "--lanes", "oracle,noop"}, {"nope"}};
        for (String[] command : commands) {
            List<String> argv = new ArrayList<>(config);
            argv.addAll(List.of(command));
            try {
                Main.execute(argv.toArray(String[]::new));
            } catch (RuntimeException e) {
                // a catalogue that does not load still trains the classes loaded on the way
            }
        }
        System.exit(0);
    }
}
