package dev.lanebench.runners.flat.tools;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Confines the model's paths to the workspace as the agent sees it: a path that leaves it lexically ({@code
 * ..}, an absolute path elsewhere) is refused here; one that leaves it through a symlink is refused by the
 * file tool itself, inside the sandbox, where a link can only lead to what the sandbox shows anyway.
 */
public final class WorkspacePaths {
    private final Path root;

    /** @param workspace the workspace as the agent sees it (e.g. /workspace in the bwrap sandbox) */
    public WorkspacePaths(Path workspace) {
        this.root = workspace.toAbsolutePath().normalize();
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
            throw new ToolRefusal("'" + given + "' is outside the workspace; use paths relative to it");
        }
        return candidate;
    }

    /** Workspace-relative form of a resolved path, for messages. */
    public String relative(Path resolved) {
        String r = root.relativize(resolved).toString();
        return r.isEmpty() ? "." : r;
    }
}
