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

    @Test
    void aNestedGitFolderDoesNotHideChangesBelowIt() throws Exception {
        try (Workspace ws = Workspace.create(repo(), tmp.resolve("ws"))) {
            Files.createDirectories(ws.dir().resolve("src/.git/objects"));
            Files.writeString(ws.dir().resolve("src/.git/HEAD"), "ref: refs/heads/main\n");
            Files.writeString(ws.dir().resolve("src/app.py"), "print('hidden?')\n");
            assertThat(ws.diff()).contains("+print('hidden?')");
        }
    }

    @Test
    void theWorkspacesGitConfigAndAttributesNeverRunACommand() throws Exception {
        Path mark = tmp.resolve("filter-ran");
        try (Workspace ws = Workspace.create(repo(), tmp.resolve("ws"))) {
            Files.writeString(ws.dir().resolve(".gitattributes"), "* filter=pwn diff=pwn\n");
            Files.writeString(ws.dir().resolve(".git/config"), "[filter \"pwn\"]\n\tclean = sh -c 'touch " + mark
                    + "; cat'\n\tsmudge = cat\n[diff \"pwn\"]\n\ttextconv = sh -c 'touch " + mark + "; cat'\n");
            Files.writeString(ws.dir().resolve("src/app.py"), "print('two')\n");
            assertThat(ws.diff()).contains("+print('two')");
        }
        assertThat(mark).doesNotExist();
    }

    @Test
    void hugeAndSpecialFilesAreNamedNotRead() throws Exception {
        try (Workspace ws = Workspace.create(repo(), tmp.resolve("ws"))) {
            try (var ch = java.nio.channels.FileChannel.open(ws.dir().resolve("huge.bin"),
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 400L * 1024 * 1024);
            }
            new ProcessBuilder("mkfifo", ws.dir().resolve("pipe").toString()).start().waitFor();
            long t0 = System.nanoTime();
            String diff = ws.diff();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
            assertThat(diff).contains("# lanebench: not diffed (419430401 bytes, over 1048576): huge.bin")
                    .contains("# lanebench: not diffed (not a regular file): pipe");
            assertThat(diff.length()).isLessThan(10_000);
        }
    }

    @Test
    void theAgentGetsItsOwnRepositoryAndTheBaselineLivesOutsideTheWorkspace() throws Exception {
        try (Workspace ws = Workspace.create(repo(), tmp.resolve("ws"))) {
            assertThat(ws.dir().resolve(".git")).isDirectory();
            assertThat(Files.readString(ws.dir().resolve(".git/config"))).doesNotContain("worktree").doesNotContain(tmp.toString());
            assertThat(tmp.resolve("ws.baseline.git")).isDirectory();
            try (Git git = Git.open(ws.dir().toFile())) {
                assertThat(git.log().call().iterator().next().getFullMessage()).isEqualTo("lanebench baseline");
            }
            // the agent wrecks its own repository: the change is still measured
            Workspace.deleteTree(ws.dir().resolve(".git"));
            Files.writeString(ws.dir().resolve("src/app.py"), "print('three')\n");
            assertThat(ws.diff()).contains("+print('three')");
        }
    }
}
