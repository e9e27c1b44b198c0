package dev.lanebench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small task folders for tests: a task.yaml, an instruction, a repo, a verify script and a solution. */
public final class TaskFixture {
    /** A verify that scores 5 when greeting.txt says hello, else 0, with one check. */
    public static final String GREETING_VERIFY = """
            import json, os, pathlib
            ws = pathlib.Path(os.environ["LANEBENCH_WORKSPACE"])
            f = ws / "greeting.txt"
            text = open(f, "rb").read(100).decode("utf-8", "replace").strip() if f.is_file() else "missing"
            ok = text == "hello"
            json.dump({"checks": [{"name": "greeting says hello", "passed": ok, "weight": 1, "evidence": text}],
                       "evidence": "greeting ok" if ok else "greeting wrong"},
                      open(os.environ["LANEBENCH_RESULT"], "w"))
            """;

    private final Path dir;

    private TaskFixture(Path dir) {
        this.dir = dir;
    }

    /** A complete, valid task tasks/<tier>/<id>/ whose solution writes greeting.txt = hello. */
    public static TaskFixture greeting(Path tasksDir, String tier, String id) {
        TaskFixture t = new TaskFixture(tasksDir.resolve(tier).resolve(id));
        t.yaml("""
                id: %s
                title: Say hello
                tier: %s
                kind: implement
                deadline_s: 60
                reps: 1
                verify:
                  command: [python3, verify.py]
                  timeout_s: 20
                max_baseline: 0.5
                source: a test fixture
                """.formatted(id, tier));
        t.file("instruction.md", "Write hello into greeting.txt.\n");
        t.file("repo/greeting.txt", "todo\n");
        t.file("repo/README.md", "A tiny repo.\n");
        t.file("verify/verify.py", GREETING_VERIFY);
        t.file("solution/greeting.txt", "hello\n");
        return t;
    }

    public TaskFixture yaml(String text) {
        return file("task.yaml", text);
    }

    public TaskFixture file(String rel, String text) {
        try {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path dir() {
        return dir;
    }

    public Path taskYaml() {
        return dir.resolve("task.yaml");
    }
}
