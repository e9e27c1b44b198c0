package dev.lanebench.runners.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Bytes held by folders, counted without following links, for the workspace limit. */
final class FolderSize {
    private FolderSize() {
    }

    /** The total size of the regular files under {@code roots}; stops counting once past {@code stopAt}. */
    static long of(long stopAt, Path... roots) {
        long[] total = {0};
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            total[0] += attrs.size();
                        }
                        return total[0] > stopAt ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE; // gone, or unreadable: it is not counted
                    }
                });
            } catch (IOException ignored) {
                // the folder vanished under the walk
            }
            if (total[0] > stopAt) {
                break;
            }
        }
        return total[0];
    }
}
