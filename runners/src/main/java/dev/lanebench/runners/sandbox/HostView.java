package dev.lanebench.runners.sandbox;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system folders a sandbox shows read-only, as the host has them: /usr and /etc bound, the top-level
 * links of merged-/usr systems (/bin → usr/bin) recreated as links, real folders bound. Nothing else of the
 * host is there: no /home, /root, /opt, /var, /run, /tmp, /proc or /sys of the host.
 */
final class HostView {
    static final List<String> BOUND = List.of("/usr", "/etc");
    static final List<String> LINKED_OR_BOUND = List.of("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");

    private HostView() {
    }

    /** bubblewrap options that recreate the system folders read-only. */
    static List<String> bwrapOptions() {
        List<String> o = new ArrayList<>();
        for (String dir : BOUND) {
            o.addAll(List.of("--ro-bind", dir, dir));
        }
        for (String dir : LINKED_OR_BOUND) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    o.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (java.io.IOException e) {
                    // unreadable link: leave it out
                }
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                o.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        return o;
    }

    /** Whether a host path is inside the system folders the sandbox shows. */
    static boolean shows(Path path) {
        Path p = path.toAbsolutePath().normalize();
        for (String dir : BOUND) {
            if (p.startsWith(dir)) {
                return true;
            }
        }
        for (String dir : LINKED_OR_BOUND) {
            if (p.startsWith(dir) && Files.exists(Path.of(dir))) {
                return true;
            }
        }
        return false;
    }
}
