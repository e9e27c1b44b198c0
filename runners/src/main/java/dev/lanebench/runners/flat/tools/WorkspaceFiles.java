package dev.lanebench.runners.flat.tools;

import dev.lanebench.runners.agent.OutputCap;
import dev.lanebench.runners.sandbox.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The file tools' reads, writes and listings, each carried out by a small script inside the attempt's sandbox,
 * so that a path is resolved and opened where only the sandbox's folders exist: a symlink or a folder swapped
 * by a background process can only lead to what the agent could reach anyway. The script resolves the path
 * first and refuses one that leaves the workspace.
 */
final class WorkspaceFiles {
    static final Duration FILE_OP_TIMEOUT = Duration.ofSeconds(30);
    private static final int BINARY_PROBE = 8192;
    /** Shared first lines: $1 the path, $2 the workspace; resolves into $r or exits 9 when it leaves. */
    private static final String RESOLVE = "r=$(realpath -m -- \"$1\") || exit 9\n"
            + "case \"$r/\" in \"$2\"/*) ;; *) exit 9 ;; esac\n";
    private static final String READ = RESOLVE + "[ -d \"$r\" ] && exit 3\n[ -e \"$r\" ] || exit 4\nexec cat -- \"$r\"\n";
    private static final String WRITE = RESOLVE + "[ -d \"$r\" ] && exit 3\nmkdir -p -- \"$(dirname -- \"$r\")\" || exit 1\n"
            + "cat > \"$r\"\n";
    private static final String LIST = RESOLVE + "[ -d \"$r\" ] || exit 5\ncd -- \"$r\" || exit 1\n"
            + "exec find . -mindepth 1 -maxdepth 1 -printf '%Y %P\\0'\n";

    private final CommandRunner runner;
    private final String root;

    /** What a read found: the text (capped), the file's size, whether it is binary (then no text). */
    record Read(String text, long size, boolean binary) {
    }

    /** One entry of a folder. */
    record Entry(String name, boolean folder) {
    }

    WorkspaceFiles(CommandRunner runner) {
        this.runner = runner;
        this.root = runner.workspace();
    }

    Read read(Path file, String given, int head, int tail) throws ToolRefusal, IOException, InterruptedException {
        OutputCap cap = new OutputCap(head, tail);
        ByteArrayOutputStream probe = new ByteArrayOutputStream();
        boolean[] binary = {false};
        Supervisor.Exit exit = runner.exec(script(READ, file), null, FILE_OP_TIMEOUT, null, (b, off, n) -> {
            int room = BINARY_PROBE - probe.size();
            for (int i = 0; i < Math.min(room, n) && !binary[0]; i++) {
                binary[0] = b[off + i] == 0;
            }
            probe.write(b, off, Math.min(Math.max(room, 0), n));
            cap.append(b, off, n);
        });
        check(exit, given, cap.render());
        return new Read(binary[0] ? null : cap.render(), cap.total(), binary[0]);
    }

    void write(Path file, String given, byte[] content) throws ToolRefusal, IOException, InterruptedException {
        OutputCap cap = new OutputCap(2048, 0);
        Supervisor.Exit exit = runner.exec(script(WRITE, file), content, FILE_OP_TIMEOUT, null, cap::append);
        check(exit, given, cap.render());
    }

    List<Entry> list(Path dir, String given) throws ToolRefusal, IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Supervisor.Exit exit = runner.exec(script(LIST, dir), null, FILE_OP_TIMEOUT, null, out::write);
        String text = out.toString(StandardCharsets.UTF_8);
        check(exit, given, text);
        List<Entry> entries = new ArrayList<>();
        for (String item : text.split("\0")) {
            if (item.length() > 2) {
                entries.add(new Entry(item.substring(2), item.charAt(0) == 'd'));
            }
        }
        return entries;
    }

    private List<String> script(String body, Path path) {
        return List.of("bash", "-c", body, "lanebench-file", path.toString(), root);
    }

    private static void check(Supervisor.Exit exit, String given, String output) throws ToolRefusal, IOException {
        if (exit.exitCode() == null) {
            throw new ToolRefusal("'" + given + "' could not be handled within " + FILE_OP_TIMEOUT.toSeconds()
                    + " s (is it a pipe or a device?)");
        }
        switch (exit.exitCode()) {
            case 0 -> {
            }
            case 3 -> throw new ToolRefusal("'" + given + "' is a folder");
            case 4 -> throw new ToolRefusal("'" + given + "' does not exist");
            case 5 -> throw new ToolRefusal("'" + given + "' is not a folder");
            case 9 -> throw new ToolRefusal("'" + given + "' leads outside the workspace through a symlink");
            default -> throw new IOException(output.isBlank() ? "failed (exit " + exit.exitCode() + ")"
                    : output.strip().lines().reduce((a, b) -> b).orElse(output.strip()));
        }
    }
}
