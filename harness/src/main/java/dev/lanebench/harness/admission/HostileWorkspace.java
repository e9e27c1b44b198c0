package dev.lanebench.harness.admission;

import dev.lanebench.harness.workspace.Workspace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hostile workspaces admission grades besides the oracle and the decoys: an agent can leave any bytes in
 * any shape, and a grader that crashes on them hands out a verify_error, which takes the attempt out of the
 * medians. Each variant is applied to a fresh copy of repo/ and touches the files the solution adds or changes.
 */
public enum HostileWorkspace {
    /** Every file the solution touches holds bytes that are not UTF-8 (and a NUL). */
    UNDECODABLE("undecodable bytes"),
    /** Every file the solution touches is a folder instead. */
    FOLDERS("a folder where a file belongs"),
    /** Every file the solution touches is 64 MiB long (sparse, so cheap to make; reading it is not). */
    HUGE("huge files"),
    /** No file at all: everything of repo/ deleted. */
    EMPTY("every file missing");

    static final long HUGE_BYTES = 64L << 20;
    private static final byte[] JUNK = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0x00, (byte) 0x80, (byte) 0xe2, (byte) 0x82, '\n'};

    private final String description;

    HostileWorkspace(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Turns the workspace into this variant; {@code touched} are the solution's files, relative to the workspace. */
    void apply(Path workspace, List<Path> touched) throws IOException {
        if (this == EMPTY) {
            try (Stream<Path> s = Files.list(workspace)) {
                for (Path p : s.filter(p -> !p.getFileName().toString().equals(".git")).toList()) {
                    Workspace.deleteTree(p);
                }
            }
            return;
        }
        for (Path rel : touched) {
            Path file = workspace.resolve(rel.toString());
            Files.createDirectories(file.getParent());
            Workspace.deleteTree(file);
            switch (this) {
                case UNDECODABLE -> Files.write(file, junk());
                case FOLDERS -> Files.writeString(Files.createDirectories(file).resolve("inside.txt"), "not the file\n");
                case HUGE -> {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ch.write(ByteBuffer.wrap(new byte[] {'\n'}), HUGE_BYTES - 1);
                    }
                }
                default -> throw new IllegalStateException(name());
            }
        }
    }

    /** The files of the solution, relative to it (the reference answer's footprint in the workspace). */
    static List<Path> touchedBy(Path solution) throws IOException {
        if (!Files.isDirectory(solution)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(solution)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".gitkeep"))
                    .map(solution::relativize).sorted().toList();
        }
    }

    private static byte[] junk() {
        byte[] out = new byte[JUNK.length * 64];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(JUNK, 0, out, i * JUNK.length, JUNK.length);
        }
        return out;
    }
}
