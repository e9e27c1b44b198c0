package dev.lanebench.harness.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanebench.harness.TaskFixture;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.runners.agent.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLoaderTest {
    @TempDir
    Path tasks;

    private String yamlWith(String id, String extra) {
        return """
                id: %s
                title: Say hello
                tier: t1_trivial
                kind: implement
                deadline_s: 60
                verify:
                  command: [python3, verify.py]
                %s
                """.formatted(id, extra);
    }

    private String errorFor(TaskFixture t) {
        try {
            TaskLoader.load(t.dir());
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void validTaskLoadsWithDefaultsAndHash() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        Task t = TaskLoader.load(f.dir());
        assertThat(t.id()).isEqualTo("say-hello");
        assertThat(t.reps()).isEqualTo(1);
        assertThat(t.verifyTimeout().toSeconds()).isEqualTo(20);
        assertThat(t.hash()).hasSize(12);
        assertThat(t.budgets().isEmpty()).isTrue();
    }

    @Test
    void hashChangesWhenAnyTaskFileChanges() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        String before = TaskLoader.load(f.dir()).hash();
        f.file("verify/verify.py", TaskFixture.GREETING_VERIFY + "\n# changed\n");
        assertThat(TaskLoader.load(f.dir()).hash()).isNotEqualTo(before);
    }

    @Test
    void missingIdIsNamed() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "").replace("id: say-hello\n", ""));
        assertThat(errorFor(f)).contains("task.yaml").contains(": id: required key is missing");
    }

    @Test
    void idDifferentFromFolderIsNamed() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("other-name", ""));
        assertThat(errorFor(f)).contains("id: 'other-name' does not match its folder name 'say-hello'");
    }

    @Test
    void unknownKeyIsNamed() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "colour: blue"));
        assertThat(errorFor(f)).contains("task.yaml: colour: unknown key");
    }

    @Test
    void wrongTypeIsNamed() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "reps: three"));
        assertThat(errorFor(f)).contains("reps: expected a whole number");
    }

    @Test
    void nestedUnknownKeyIsNamedWithItsPath() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "").replace("command: [python3, verify.py]", "command: [python3, verify.py]\n  tmeout_s: 3"));
        assertThat(errorFor(f)).contains("verify.tmeout_s: unknown key");
    }

    @Test
    void missingRepoFolderIsNamed() throws IOException {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        Files.delete(f.dir().resolve("repo/greeting.txt"));
        Files.delete(f.dir().resolve("repo/README.md"));
        Files.delete(f.dir().resolve("repo"));
        assertThat(errorFor(f)).contains("repo/: the task has no repo/ folder");
    }

    @Test
    void missingVerifyCommandIsNamed() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "").replace("  command: [python3, verify.py]\n", "  timeout_s: 10\n"));
        assertThat(errorFor(f)).contains("verify.command: missing or empty");
    }

    @Test
    void negativeDeadlineIsNamed() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "").replace("deadline_s: 60", "deadline_s: -5"));
        assertThat(errorFor(f)).contains("deadline_s: must be a positive number of seconds, got -5");
    }

    @Test
    void unknownToolKindInBudgetsIsNamed() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "budgets: {tools: {telnet: 1}}"));
        assertThat(errorFor(f)).contains("budgets.tools: expected one of [read, write, edit, run, list, search, other], got 'telnet'");
    }

    @Test
    void budgetsBindToToolKinds() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "budgets: {max_turns: 5, tools: {run: 0, write: 1}}"));
        Task t = TaskLoader.load(f.dir());
        assertThat(t.budgets().tools()).containsEntry(ToolKind.RUN, 0).containsEntry(ToolKind.WRITE, 1);
        assertThat(t.budgets().maxTurns()).isEqualTo(5);
    }

    @Test
    void declaredDecoyMustExist() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml(yamlWith("say-hello", "decoys: {naive-fix: 3.0}"));
        assertThat(errorFor(f)).contains("decoys.naive-fix: verify/decoys/naive-fix/ not found");
    }

    @Test
    void tierMustMatchItsFolder() {
        TaskFixture f = TaskFixture.greeting(tasks, "t2_medium", "say-hello");
        f.yaml(yamlWith("say-hello", ""));
        assertThat(errorFor(f)).contains("tier: 't1_trivial' does not match its tier folder 't2_medium'");
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.yaml("id: say-hello\n- a list item after a mapping\n");
        assertThat(errorFor(f)).contains("task.yaml").contains("not valid YAML");
    }

    @Test
    void catalogueSkipsSupportFoldersAndRejectsDuplicateIds() {
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        TaskFixture.greeting(tasks, "_support", "not-a-task").yaml("junk: true");
        assertThat(Catalogue.load(tasks).tasks()).extracting(Task::id).containsExactly("say-hello");
        TaskFixture.greeting(tasks, "t2_medium", "say-hello").yaml(yamlWith("say-hello", "").replace("t1_trivial", "t2_medium"));
        assertThatThrownBy(() -> Catalogue.load(tasks)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'say-hello' is used by another task");
    }

    @Test
    void decoysTakeTheShortAndTheLongForm() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.file("verify/decoys/naive-fix/greeting.txt", "hi\n");
        f.file("verify/decoys/keyword-list/greeting.txt", "hello hello\n");
        f.yaml(yamlWith("say-hello", "decoys: {naive-fix: 3, keyword-list: {max: 1.5, kind: gaming}}"));
        Task t = TaskLoader.load(f.dir());
        assertThat(t.decoys()).containsEntry("naive-fix", new Decoy(3.0, Decoy.Kind.SHALLOW))
                .containsEntry("keyword-list", new Decoy(1.5, Decoy.Kind.GAMING));
    }

    @Test
    void decoyKindMustBeOneOfTheKinds() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.file("verify/decoys/trick/greeting.txt", "hi\n");
        f.yaml(yamlWith("say-hello", "decoys: {trick: {max: 1.0, kind: sneaky}}"));
        assertThat(errorFor(f)).contains("decoys.trick.kind: 'sneaky' is not one of gaming, shallow, partial");
    }

    @Test
    void decoyLongFormNeedsItsMaximum() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.file("verify/decoys/trick/greeting.txt", "hi\n");
        f.yaml(yamlWith("say-hello", "decoys: {trick: {kind: gaming}}"));
        assertThat(errorFor(f)).contains("decoys.trick.max: the most it may score is missing");
    }

    @Test
    void decoyUnknownKeyAndBadMaximumAreNamed() {
        TaskFixture f = TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        f.file("verify/decoys/trick/greeting.txt", "hi\n");
        f.yaml(yamlWith("say-hello", "decoys: {trick: {max: 1.0, knd: gaming}}"));
        assertThat(errorFor(f)).contains("decoys.trick.knd: unknown key (allowed: kind, max)");
        f.yaml(yamlWith("say-hello", "decoys: {trick: 7}"));
        assertThat(errorFor(f)).contains("decoys.trick: the most it may score must be within 0–5, got 7.0");
        f.yaml(yamlWith("say-hello", "decoys: {trick: lots}"));
        assertThat(errorFor(f)).contains("decoys.trick");
    }
}
