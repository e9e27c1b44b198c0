package dev.lanebench.runners.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.runners.agent.ToolKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CodexToolsTest {

    @Test
    void aSinglePlainCommandCountsAsWhatItDoes() {
        assertThat(CodexTools.commandKind("/bin/bash -lc 'cat src/app.py'")).isEqualTo(ToolKind.READ);
        assertThat(CodexTools.commandKind("/bin/bash -lc \"sed -n '1,80p' app.py\"")).isEqualTo(ToolKind.READ);
        assertThat(CodexTools.commandKind("bash -lc 'ls -la src'")).isEqualTo(ToolKind.LIST);
        assertThat(CodexTools.commandKind("/bin/bash -lc 'find . -name \"*.py\"'")).isEqualTo(ToolKind.LIST);
        assertThat(CodexTools.commandKind("/bin/bash -lc 'rg -n parse src'")).isEqualTo(ToolKind.SEARCH);
        assertThat(CodexTools.commandKind("/bin/bash -lc 'git grep parse'")).isEqualTo(ToolKind.SEARCH);
        assertThat(CodexTools.commandKind("/bin/bash -lc 'python3 -m pytest -q'")).isEqualTo(ToolKind.RUN);
    }

    @Test
    void anythingThatMayWriteOrChainIsARun() {
        assertThat(CodexTools.commandKind("/bin/bash -lc 'cat a > b'")).isEqualTo(ToolKind.RUN);
        assertThat(CodexTools.commandKind("/bin/bash -lc 'grep x a | head'")).isEqualTo(ToolKind.RUN);
        assertThat(CodexTools.commandKind("/bin/bash -lc 'ls; rm -rf x'")).isEqualTo(ToolKind.RUN);
        assertThat(CodexTools.commandKind("/bin/bash -lc \"sed -i 's/a/b/' f\"")).isEqualTo(ToolKind.RUN);
        assertThat(CodexTools.commandKind("/bin/bash -lc 'find . -delete'")).isEqualTo(ToolKind.RUN);
        assertThat(CodexTools.commandKind("/bin/bash -lc 'cat <<EOF\nx\nEOF'")).isEqualTo(ToolKind.RUN);
    }

    @Test
    void theShellWrapperIsUnquoted() {
        assertThat(CodexTools.script("/bin/bash -lc 'echo '\\''hi'\\'''")).isEqualTo("echo 'hi'");
        assertThat(CodexTools.script("make test")).isEqualTo("make test");
    }

    @Test
    void changesArePathsInTheWorkspace() {
        assertThat(CodexTools.changeKind("add")).isEqualTo(ToolKind.WRITE);
        assertThat(CodexTools.changeKind("update")).isEqualTo(ToolKind.EDIT);
        assertThat(CodexTools.changeKind("delete")).isEqualTo(ToolKind.EDIT);
        assertThat(CodexTools.relative("/workspace/a/b.py", Path.of("/workspace"))).isEqualTo("a/b.py");
        assertThat(CodexTools.relative("/etc/passwd", Path.of("/workspace"))).isNull();
    }
}
