package dev.lanebench.harness.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grader's copy of a workspace holds the agent's work and nothing that reaches past it. */
class GradingCopyTest {
    @TempDir
    Path tmp;

    @Test
    void linksOutPipesAndGitStayBehindWhileTheWorkComesAlong() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(tmp.resolve("key.txt"), "the harness's secret");
        Files.createDirectories(ws.resolve("src"));
        Files.writeString(ws.resolve("src/app.py"), "print('work')\n");
        Files.createDirectories(ws.resolve(".git/objects"));
        Files.createSymbolicLink(ws.resolve("answer.md"), tmp.resolve("key.txt"));
        Files.createSymbolicLink(ws.resolve("environ"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(ws.resolve("up"), Path.of("../key.txt"));
        Files.createSymbolicLink(ws.resolve("inside"), Path.of("src/app.py"));
        Files.createLink(ws.resolve("hard.py"), ws.resolve("src/app.py"));
        new ProcessBuilder("mkfifo", ws.resolve("pipe").toString()).start().waitFor();

        List<String> left = GradingCopy.make(ws, tmp.resolve("graded"));

        Path g = tmp.resolve("graded");
        assertThat(g.resolve("src/app.py")).hasContent("print('work')");
        assertThat(Files.readString(g.resolve("inside"))).isEqualTo("print('work')\n");
        assertThat(Files.isSymbolicLink(g.resolve("hard.py"))).isFalse();
        assertThat(g.resolve("hard.py")).hasContent("print('work')");
        assertThat(g.resolve(".git")).doesNotExist();
        for (String gone : List.of("answer.md", "environ", "up", "pipe")) {
            assertThat(Files.exists(g.resolve(gone), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(gone).isFalse();
        }
        assertThat(left).hasSize(4).anyMatch(l -> l.startsWith("pipe: not a regular file"))
                .anyMatch(l -> l.startsWith("answer.md: a link out of the workspace"));
    }
}
