package dev.lanebench.harness.run;

/** The harness version recorded in run.json and every row: the jar's Implementation-Version, "dev" from sources. */
public final class HarnessVersion {
    private HarnessVersion() {
    }

    public static String get() {
        String v = HarnessVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
