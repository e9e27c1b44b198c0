package dev.lanebench.runners.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * The host folders one attempt's sandbox is made of: the only places the agent may write, and the extra
 * read-only places it needs (an agent CLI's installation).
 *
 * @param workspace the attempt's workspace (writable; the agent's working directory)
 * @param home      the agent's private HOME (writable)
 * @param tmp       the agent's private TMPDIR (writable)
 * @param control   a folder of the harness's for the sandbox's own files (sockets, scripts); never writable by
 *                  the agent
 * @param readOnly  further host paths the agent sees read-only, at the same path
 */
public record SandboxMounts(Path workspace, Path home, Path tmp, Path control, List<Path> readOnly) {
    public SandboxMounts {
        workspace = workspace.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
        tmp = tmp.toAbsolutePath().normalize();
        control = control.toAbsolutePath().normalize();
        readOnly = readOnly == null ? List.of() : readOnly.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** The usual layout under one attempt folder: scratch/home, scratch/tmp and sandbox/ beside the workspace. */
    public static SandboxMounts under(Path workspace, Path scratch, Path control) {
        return new SandboxMounts(workspace, scratch.resolve("home"), scratch.resolve("tmp"), control, List.of());
    }

    public SandboxMounts withReadOnly(Path path) {
        List<Path> more = new java.util.ArrayList<>(readOnly);
        more.add(path);
        return new SandboxMounts(workspace, home, tmp, control, more);
    }
}
