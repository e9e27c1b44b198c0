package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.harness.TaskFixture;
import dev.lanebench.harness.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCommandTest {
    @TempDir
    Path tmp;
    Path tasks;

    @BeforeEach
    void catalogueWithSupport() throws Exception {
        tasks = tmp.resolve("tasks");
        Files.createDirectories(tasks);
        Workspace.copyTree(Path.of("../tasks/_support"), tasks.resolve("_support"));
    }

    private CliRun check(String... ids) {
        String[] args = new String[ids.length + 4];
        args[0] = "task";
        args[1] = "check";
        args[2] = "--tasks-dir";
        args[3] = tasks.toString();
        System.arraycopy(ids, 0, args, 4, ids.length);
        return CliRun.of(args);
    }

    /** The greeting fixture with a gaming decoy that writes the wrong greeting: admissible as it stands. */
    private TaskFixture admissible() throws Exception {
        TaskFixture t = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        t.file("verify/decoys/wrong-word/greeting.txt", "hi\n");
        t.yaml(Files.readString(t.taskYaml()) + "decoys: {wrong-word: {max: 1.0, kind: gaming}}\n");
        return t;
    }

    @Test
    void scaffoldIsValidRunnableAndCheckSaysWhatIsMissing() throws Exception {
        CliRun made = CliRun.of("task", "new", "retry-backoff", "--tier", "t2_medium", "--kind", "implement",
                "--tasks-dir", tasks.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        Path dir = tasks.resolve("t2_medium/retry-backoff");
        assertThat(dir.resolve("task.yaml")).exists();
        assertThat(dir.resolve("verify/verify.py")).exists();
        assertThat(dir.resolve("solution")).isDirectory();

        CliRun checked = check("retry-backoff");
        assertThat(checked.exit()).isEqualTo(1);
        assertThat(checked.out()).contains("REJECTED retry-backoff")
                .contains("oracle scores 0.00 < 4.5")
                .contains("declares no decoys")
                .contains("title still reads TODO")
                .contains("instruction.md still reads TODO")
                .contains("4/4 graded")
                .doesNotContain("verify_error");
        assertThat(CliRun.of("tasks", "--tasks-dir", tasks.toString()).out()).contains("retry-backoff");
    }

    @Test
    void scaffoldRefusesABadIdAndAnExistingTask() {
        assertThat(CliRun.of("task", "new", "Bad_Id", "--tier", "t1_trivial", "--tasks-dir", tasks.toString()).exit()).isEqualTo(2);
        assertThat(CliRun.of("task", "new", "ok-id", "--tier", "t1_trivial", "--tasks-dir", tasks.toString()).exit()).isZero();
        CliRun again = CliRun.of("task", "new", "ok-id", "--tier", "t1_trivial", "--tasks-dir", tasks.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void anAdmissibleTaskIsAdmitted() throws Exception {
        admissible();
        CliRun r = check("say-hello");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("| say-hello").contains("5.00 5.00 5.00").contains("wrong-word 0.00/1.00")
                .contains("4/4 graded").contains("admitted");
    }

    @Test
    void aDecoyOverItsMaximumIsRejected() throws Exception {
        TaskFixture t = admissible();
        t.file("verify/decoys/wrong-word/greeting.txt", "hello\n");
        CliRun r = check("say-hello");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("decoy wrong-word scores 5.00 > its declared maximum 1.00 (passes: greeting says hello)");
    }

    @Test
    void aBaselineOverMaxBaselineIsRejected() throws Exception {
        TaskFixture t = admissible();
        t.file("repo/greeting.txt", "hello\n");
        t.file("solution/greeting.txt", "hello\n\n");
        CliRun r = check("say-hello");
        assertThat(r.out()).contains("untouched repo scores 5.00 > max_baseline 0.50");
    }

    @Test
    void aFlakyGraderIsRejected() throws Exception {
        TaskFixture t = admissible();
        t.file("verify/verify.py", "import random\n" + TaskFixture.GREETING_VERIFY.replace(
                "json.dump({", "json.dump({\"score\": 5 - random.random() * ok, ") );
        CliRun r = check("say-hello");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("differ across runs");
    }

    @Test
    void aSolutionAlreadyInTheRepoAndAGraderFolderInItAreLeaks() throws Exception {
        TaskFixture t = admissible();
        t.file("repo/verify/hidden_test.py", "assert True\n");
        t.file("repo/notes.txt", "the answer\n");
        t.file("solution/notes.txt", "the answer\n");
        CliRun r = check("say-hello");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("repo/verify/ is a grader or solution folder")
                .contains("repo/notes.txt already equals the solution's version");
    }

    @Test
    void aBrokenTaskYamlIsARejectedRowNotAnAbort() throws Exception {
        admissible();
        TaskFixture.greeting(tasks, "t1_trivial", "broken").yaml("id: broken\ncolour: red\n");
        CliRun r = check();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("admitted say-hello").contains("REJECTED broken").contains("colour: unknown key");
    }

    @Test
    void aTaskWithoutAGamingDecoyIsRejected() throws Exception {
        TaskFixture t = admissible();
        t.yaml(Files.readString(t.taskYaml()).replace("{wrong-word: {max: 1.0, kind: gaming}}", "{wrong-word: 1.0}"));
        CliRun r = check("say-hello");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("no gaming decoy").contains("| say-hello/wrong-word | shallow");
    }

    @Test
    void aTitleOrInstructionStillReadingTodoIsRejected() throws Exception {
        TaskFixture t = admissible();
        t.yaml(Files.readString(t.taskYaml()).replace("title: Say hello", "title: TODO say what to do"));
        t.file("instruction.md", "Write hello into greeting.txt.\nTODO: explain why\n");
        CliRun r = check("say-hello");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("title still reads TODO: TODO say what to do")
                .contains("instruction.md still reads TODO: TODO: explain why");
    }

    @Test
    void aTicketReferenceInTheInstructionIsNoPlaceholder() throws Exception {
        TaskFixture t = admissible();
        t.file("instruction.md", "Resolve the TODO(JOB-77) comment: write hello into greeting.txt.\n");
        CliRun r = check("say-hello");
        assertThat(r.exit()).as(r.out()).isZero();
    }

    @Test
    void checkReportsWhichChecksEachDecoyPassed() throws Exception {
        TaskFixture t = admissible();
        t.file("verify/verify.py", """
                import json, os, pathlib
                f = pathlib.Path(os.environ["LANEBENCH_WORKSPACE"]) / "greeting.txt"
                text = open(f, "rb").read(100).decode("utf-8", "replace").strip() if f.is_file() else ""
                checks = [{"name": "greeting file written", "passed": text not in ("", "todo"), "weight": 1},
                          {"name": "greeting says hello", "passed": text == "hello", "weight": 3}]
                json.dump({"checks": checks}, open(os.environ["LANEBENCH_RESULT"], "w"))
                """);
        t.yaml(Files.readString(t.taskYaml()).replace("max: 1.0", "max: 1.5"));
        CliRun r = check("say-hello");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("| say-hello/wrong-word | gaming | 1.25 / 1.50 | 1/2: greeting file written |");
    }

    @Test
    void aGraderThatCrashesOnHostileContentIsRejected() throws Exception {
        TaskFixture t = admissible();
        t.file("verify/verify.py", TaskFixture.GREETING_VERIFY.replace(
                "open(f, \"rb\").read(100).decode(\"utf-8\", \"replace\")", "f.read_text(encoding=\"utf-8\")"));
        CliRun r = check("say-hello");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("2/4 graded")
                .contains("hostile-undecodable: verify_error")
                .contains("must fail checks on undecodable bytes, not crash")
                .contains("hostile-huge: verify_error");
    }

    @Test
    void tasksAreCheckedInParallelAndReportedInCatalogueOrder() throws Exception {
        admissible();
        TaskFixture b = TaskFixture.greeting(tasks, "t1_trivial", "say-hello-too");
        b.file("verify/decoys/wrong-word/greeting.txt", "hi\n");
        b.yaml(Files.readString(b.taskYaml()) + "decoys: {wrong-word: {max: 1.0, kind: gaming}}\n");
        CliRun r = CliRun.of("task", "check", "--parallel", "2", "--tasks-dir", tasks.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        String table = r.out().substring(r.out().indexOf("| task"));
        assertThat(table.indexOf("| say-hello ")).isLessThan(table.indexOf("| say-hello-too "));
        assertThat(CliRun.of("task", "check", "--parallel", "0", "--tasks-dir", tasks.toString()).exit()).isEqualTo(2);
    }
}
