package dev.lanebench.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit a folder is checked out at, and whether its files differ from it, for run.json's provenance.
 * Read with the git command rather than JGit: JGit cannot open a linked worktree ({@code git worktree}), a
 * common way to keep the harness or a catalogue; both folders are the user's own, never an agent's.
 *
 * @param commit the HEAD commit id
 * @param dirty  whether tracked or untracked files under the folder differ from it
 */
public record GitCheckout(String commit, boolean dirty) {
    private static final long TIMEOUT_S = 10;

    /** The checkout holding dir, or null when it is none (or git is missing). */
    public static GitCheckout of(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        String head = git(dir, List.of("rev-parse", "--verify", "-q", "HEAD"));
        if (head == null || !head.strip().matches("[0-9a-f]{40,64}")) {
            return null;
        }
        String status = git(dir, List.of("status", "--porcelain", "--", "."));
        return new GitCheckout(head.strip(), status == null || !status.isBlank());
    }

    private static String git(Path dir, List<String> args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
