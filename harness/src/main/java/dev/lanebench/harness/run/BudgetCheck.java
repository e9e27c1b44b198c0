package dev.lanebench.harness.run;

import dev.lanebench.runners.agent.Budgets;
import dev.lanebench.runners.agent.ToolKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Counts a task's budget breaches (METHODOLOGY.md §2): each tool kind over its limit, and turns over max_turns, is one. */
public final class BudgetCheck {
    private BudgetCheck() {
    }

    /** The breaches, described for the row's error/evidence; empty when within budget. */
    public static List<String> breaches(Budgets budgets, Map<ToolKind, Integer> toolCounts, Integer turns) {
        List<String> out = new ArrayList<>();
        budgets.tools().forEach((kind, limit) -> {
            int used = toolCounts.getOrDefault(kind, 0);
            if (used > limit) {
                out.add(kind.wire() + " " + used + ">" + limit);
            }
        });
        if (budgets.maxTurns() != null && turns != null && turns > budgets.maxTurns()) {
            out.add("turns " + turns + ">" + budgets.maxTurns());
        }
        return out;
    }
}
