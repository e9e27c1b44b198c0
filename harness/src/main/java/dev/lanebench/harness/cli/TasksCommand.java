package dev.lanebench.harness.cli;

import dev.lanebench.harness.catalogue.Catalogue;
import dev.lanebench.harness.catalogue.Task;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lanebench tasks}: the catalogue, one task a line. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List the task catalogue: id, tier, kind, reps, deadline.")
final class TasksCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        Catalogue cat = config.catalogue();
        String fmt = "%-32s %-18s %-10s %4s %10s%n";
        System.out.printf(fmt, "ID", "TIER", "KIND", "REPS", "DEADLINE_S");
        for (Task t : cat.tasks()) {
            System.out.printf(fmt, t.id(), t.tier(), t.kind(), t.reps(), t.deadline().toSeconds());
        }
        System.out.println(cat.tasks().size() + " tasks in " + cat.root());
        return 0;
    }
}
