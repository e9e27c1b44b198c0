package dev.lanebench.scoring.raw;

/** Rows for tests: one with every column set, one with every optional column empty. */
public final class SampleRows {
    private SampleRows() {
    }

    public static RawRow full() {
        return new RawRow("2026-01-01T1200-a1", "subtle-cache-bugfix", "t4_frontier", "glm-5.2-harness", "claude",
                "glm-5.2", 2, 3, Status.SCORED, 4.1625, 4.5, 5.0, 3.875, 2.5, 0.0123,
                "6/8 pass, \"ttl\" case fails\nsecond line, with comma", true, 312.4, 298.1, 4.2, 23, 41, 1,
                184223L, 120000L, 8123L, 512L, 0.0843, "z-ai/glm-5.2;z-ai/glm-5.2-air", true, 1,
                "exit 1, \"partial\"", "2026-01-01T12:03:12Z", "sha256:9f2c1a7b3e4d", "0.1.0", "bwrap", 0.00123456);
    }

    public static RawRow sparse() {
        return new RawRow("run-1", "yaml-key-rename", "t1_trivial", "noop", "noop", null, 1, 1,
                Status.INFRA_ERROR, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A row for table tests: the given cell, outcome and composite; everything else plausible. */
    public static RawRow scored(String task, String tier, String lane, String runner, String model, double composite) {
        return row(task, tier, lane, runner, model, Status.SCORED, composite, true);
    }

    public static RawRow row(String task, String tier, String lane, String runner, String model, Status status,
            Double composite, Boolean routeOk) {
        return new RawRow("run-1", task, tier, lane, runner, model, 1, 1, status, composite,
                composite, null, null, null, null, null, false, 10.0, 9.0, 1.0, 3, 4, 0, 100L, 0L, 50L, 0L,
                0.01, model, routeOk, 0, null, "2026-01-01T12:00:00Z", "h", "0.1.0", null, null);
    }
}
