package dev.lanebench.harness.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy of a finished workspace that the grader gets: regular files and folders only, symlinks kept only
 * when they stay inside the workspace, no {@code .git}. A grader runs on the host and opens files by name; a
 * link the agent left pointing at /proc or a key file, a pipe that blocks a read, or a file the agent made
 * undeletable must not reach it.
 */
public final class GradingCopy {
    private GradingCopy() {
    }

    /**
     * Copies {@code workspace} into {@code dest} (which must not exist) and returns what was left out, one line
     * per path, for the grader's log.
     */
    public static List<String> make(Path workspace, Path dest) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        List<String> left = new ArrayList<>();
        Files.createDirectories(dest);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root) && d.getFileName().toString().equals(".git") && d.getParent().equals(root)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(dest.resolve(root.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(f).toString();
                Path to = dest.resolve(rel);
                if (attrs.isSymbolicLink()) {
                    Path target = Files.readSymbolicLink(f);
                    Path resolved = f.getParent().resolve(target).normalize();
                    if (target.isAbsolute() || !resolved.startsWith(root)) {
                        left.add(rel + ": a link out of the workspace (" + target + ")");
                    } else {
                        Files.createSymbolicLink(to, target);
                    }
                } else if (attrs.isRegularFile()) {
                    Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                } else {
                    left.add(rel + ": not a regular file");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                left.add(root.relativize(f) + ": unreadable (" + e.getClass().getSimpleName() + ")");
                return FileVisitResult.CONTINUE;
            }
        });
        return left;
    }
}
