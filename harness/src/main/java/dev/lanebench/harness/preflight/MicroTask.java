package dev.lanebench.harness.preflight;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.harness.catalogue.TaskLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The known-answer task pre-flight runs through each lane's real runner (its CLI and tools, its proxy, its
 * sandbox, the grader path): create ok.txt holding OK. Written as an ordinary task folder and loaded like any
 * catalogue task, so it takes the same road as the matrix will.
 */
final class MicroTask {
    static final String ID = "preflight-ok";
    static final String TIER = "t0_preflight";

    private MicroTask() {
    }

    /** Writes the task under {@code catalogue}/t0_preflight/preflight-ok and loads it. */
    static Task write(Path catalogue, Duration deadline) throws IOException {
        Path dir = catalogue.resolve(TIER).resolve(ID);
        file(dir.resolve("task.yaml"), """
                id: %s
                title: Pre-flight known-answer task
                tier: %s
                kind: implement
                deadline_s: %d
                reps: 1
                verify:
                  command: [python3, verify.py]
                  timeout_s: 30
                max_baseline: 0
                source: lanebench pre-flight
                """.formatted(ID, TIER, Math.max(1, deadline.toSeconds())));
        file(dir.resolve("instruction.md"), """
                Create a file named `ok.txt` in the root of this repository whose whole content is the two letters OK.
                Change nothing else. Once the file is written, you are done.
                """);
        file(dir.resolve("repo/README.md"), "# scratch\n\nA scratch repository for a pre-flight check.\n");
        file(dir.resolve("solution/ok.txt"), "OK\n");
        file(dir.resolve("verify/verify.py"), """
                import json, os, pathlib
                f = pathlib.Path(os.environ["LANEBENCH_WORKSPACE"]) / "ok.txt"
                text = f.read_text(errors="replace").strip() if f.is_file() else None
                ok = text == "OK"
                seen = "ok.txt missing" if text is None else "ok.txt holds " + repr(text[:60])
                json.dump({"checks": [{"name": "ok.txt holds OK", "passed": ok, "weight": 1, "evidence": seen}],
                           "evidence": seen}, open(os.environ["LANEBENCH_RESULT"], "w"))
                """);
        return TaskLoader.load(dir);
    }

    private static void file(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
