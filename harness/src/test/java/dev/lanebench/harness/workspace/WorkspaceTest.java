package dev.lanebench.harness.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path tmp;

    private Path repo() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/app.py"), "print('one')\n");
        Files.writeString(repo.resolve("old.txt"), "to be deleted\n");
        Files.write(repo.resolve("logo.bin"), new byte[] {0, 1, 2, 3, 0, 5});
        return repo;
    }

    @Test
    void untouchedWorkspaceHasAnEmptyDiff() throws Exception {
        try (Workspace ws = Workspace.create(repo(), tmp.resolve("ws"))) {
            assertThat(ws.diff()).isEmpty();
            assertThat(ws.dir().resolve(".git")).isDirectory();
        }
    }

    @Test
    void diffHoldsNewModifiedDeletedAndBinaryFiles() throws Exception {
        try (Workspace ws = Workspace.create(repo(), tmp.resolve("ws"))) {
            Files.writeString(ws.dir().resolve("src/app.py"), "print('two')\n");
            Files.delete(ws.dir().resolve("old.txt"));
            Files.writeString(ws.dir().resolve("src/new.py"), "x = 1\n");
            Files.write(ws.dir().resolve("logo.bin"), new byte[] {0, 9, 9, 9, 0});
            String diff = ws.diff();
            assertThat(diff).contains("+print('two')").contains("-print('one')");
            assertThat(diff).contains("deleted file mode").contains("-to be deleted");
            assertThat(diff).contains("new file mode").contains("+x = 1");
            assertThat(diff).contains("logo.bin").contains("Binary files differ");
        }
    }

    @Test
    void agentCommitsDoNotHideTheChange() throws Exception {
        try (Workspace ws = Workspace.create(repo(), tmp.resolve("ws"))) {
            Files.writeString(ws.dir().resolve("src/app.py"), "print('committed')\n");
            try (Git git = Git.open(ws.dir().toFile())) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("agent commit").setSign(false).call();
            }
            assertThat(ws.diff()).contains("+print('committed')");
        }
    }

    @Test
    void closingRemovesTheWorkspace() throws Exception {
        Path dir;
        try (Workspace ws = Workspace.create(repo(), tmp.resolve("ws"))) {
            dir = ws.dir();
        }
        assertThat(dir).doesNotExist();
    }
}
