package dev.lanebench.runners.sandbox;

import java.util.List;

/** The sandbox backends by name: the one place that knows them all. */
public final class Sandboxes {
    public static final String DEFAULT = BwrapSandbox.NAME;
    public static final List<String> NAMES = List.of(BwrapSandbox.NAME, DockerSandbox.NAME, NoSandbox.NAME);

    private Sandboxes() {
    }

    /** The default backend where it is ready here, else {@code none} (for grading outside a run). */
    public static Sandbox bestAvailable() {
        Sandbox b = named(DEFAULT);
        return b.readiness().ready() ? b : new NoSandbox();
    }

    public static Sandbox named(String name) {
        return named(name, null);
    }

    /** @param image the docker backend's image (null: lanebench's default); the other backends take none */
    public static Sandbox named(String name, String image) {
        return switch (name) {
            case BwrapSandbox.NAME -> new BwrapSandbox();
            case DockerSandbox.NAME -> new DockerSandbox(image);
            case NoSandbox.NAME -> new NoSandbox();
            default -> throw new IllegalArgumentException("unknown sandbox '" + name + "' (one of " + NAMES + ")");
        };
    }
}
