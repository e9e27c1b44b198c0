package dev.lanebench.runners.flat.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Confines the model's paths to the workspace: a path is refused when it leaves the workspace lexically
 * ({@code ..}, an absolute path elsewhere) or through a symlink (the real path of the file, or of its nearest
 * existing ancestor when the file does not exist yet, must be inside the workspace's real path).
 */
public final class WorkspacePaths {
    private final Path root;
    private final Path realRoot;

    public WorkspacePaths(Path workspace) throws IOException {
        this.root = workspace.toAbsolutePath().normalize();
        this.realRoot = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** The absolute path {@code given} names, or a refusal that says why the model may not touch it. */
    public Path resolve(String given) throws ToolRefusal {
        if (given == null || given.isBlank()) {
            throw new ToolRefusal("a path is required");
        }
        Path raw;
        try {
            raw = Path.of(given);
        } catch (InvalidPathException e) {
            throw new ToolRefusal("'" + given + "' is not a valid path");
        }
        Path candidate = raw.isAbsolute() ? raw.normalize() : root.resolve(raw).normalize();
        if (!candidate.startsWith(root)) {
            if (!candidate.startsWith(realRoot)) {
                throw new ToolRefusal("'" + given + "' is outside the workspace; use paths relative to it");
            }
            candidate = root.resolve(realRoot.relativize(candidate));
        }
        Path existing = nearestExisting(candidate);
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            // Only a dangling symlink exists without a real path; where it points cannot be checked.
            throw new ToolRefusal("'" + given + "' goes through a symlink that points nowhere");
        }
        if (!real.startsWith(realRoot)) {
            throw new ToolRefusal("'" + given + "' leads outside the workspace through a symlink");
        }
        return candidate;
    }

    /** Workspace-relative form of a resolved path, for messages. */
    public String relative(Path resolved) {
        String r = root.relativize(resolved).toString();
        return r.isEmpty() ? "." : r;
    }

    private Path nearestExisting(Path p) {
        Path cur = p;
        // NOFOLLOW so a dangling symlink counts as existing: a write through it would land wherever it points.
        while (cur != null && !Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
            cur = cur.getParent();
        }
        return cur == null ? root : cur;
    }
}
