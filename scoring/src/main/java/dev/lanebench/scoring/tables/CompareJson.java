package dev.lanebench.scoring.tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.scoring.stats.DeltaSummary;
import dev.lanebench.scoring.stats.LaneTotals;
import java.io.UncheckedIOException;

/** A {@link RunComparison} as one JSON object ({@value CompareFormats#FORMAT}); missing values are null, never 0. */
final class CompareJson implements ResultFormat<RunComparison> {
    @Override
    public String name() {
        return "json";
    }

    @Override
    public String render(RunComparison c) {
        ObjectNode root = JsonFormat.JSON.createObjectNode();
        root.put("format", CompareFormats.FORMAT);
        run(root.putObject("a"), c.a());
        run(root.putObject("b"), c.b());
        JsonFormat.bootstrap(root);
        ArrayNode lanes = root.putArray("lanes");
        for (RunComparison.LaneTable lane : c.lanes()) {
            ObjectNode l = lanes.addObject();
            l.put("lane", lane.lane());
            identity(l, "a", lane.a());
            identity(l, "b", lane.b());
            ArrayNode rows = l.putArray("rows");
            for (RunComparison.Row r : lane.rows()) {
                RunComparison.TaskPair t = r.task();
                ObjectNode o = rows.addObject();
                o.put("task", t.a() != null ? t.a().task() : t.b().task());
                o.put("tier", t.tier());
                o.put("version_a", t.a() == null ? null : t.a().version());
                o.put("version_b", t.b() == null ? null : t.b().version());
                o.put("task_changed", t.taskChanged());
                JsonFormat.side(o.putObject("a"), r.a());
                JsonFormat.side(o.putObject("b"), r.b());
                o.put("change", JsonFormat.decimal(r.change() == null ? null : r.change().value()));
                if (r.change() == null) {
                    o.putNull("ranges_disjoint");
                    o.putNull("single_attempt");
                } else {
                    o.put("ranges_disjoint", r.change().rangesDisjoint());
                    o.put("single_attempt", r.change().singleAttempt());
                }
            }
            DeltaSummary s = lane.allTasks();
            ObjectNode all = l.putObject("all_tasks");
            all.put("tasks", s.tasks());
            all.put("a_mean", JsonFormat.decimal(s.baseMean()));
            all.put("b_mean", JsonFormat.decimal(s.otherMean()));
            all.put("change", JsonFormat.decimal(s.delta()));
            JsonFormat.interval(all, s);
        }
        ArrayNode notes = root.putArray("notes");
        c.notes().forEach(notes::add);
        try {
            return JsonFormat.JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(ObjectNode o, TableReport r) {
        o.put("rows", r.rows());
        ArrayNode sources = o.putArray("sources");
        r.sources().forEach(s -> sources.add(s.path()));
    }

    private static void identity(ObjectNode o, String key, LaneTotals t) {
        if (t == null) {
            o.putNull(key);
        } else {
            o.putObject(key).put("runner", t.runner()).put("model", t.model());
        }
    }
}
