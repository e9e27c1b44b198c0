package dev.lanebench.harness.run;

/** A lane of lanes.yaml a run did not run, and why (run.json {@code skipped_lanes}). */
public record SkippedLane(String lane, String reason) {
}
