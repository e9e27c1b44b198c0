package dev.lanebench.harness.run;

import dev.lanebench.harness.catalogue.Task;
import dev.lanebench.runners.lane.Lane;

/** One of the n independent runs of a cell (task × lane); numbered from 1. */
public record Replication(Task task, Lane lane, int number) {
    public String label() {
        return task.id() + " × " + lane.name() + " r" + number;
    }
}
