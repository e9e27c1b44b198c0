package dev.lanebench.scoring.tables;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.scoring.raw.RawCsvSchema;
import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;
import dev.lanebench.scoring.stats.LaneTotals;
import dev.lanebench.scoring.stats.PairedBootstrap;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * A {@link TableReport} as one JSON object for programs. Keys and their order are fixed (format
 * {@value #FORMAT}); numbers carry at most four decimals; a value that does not exist is null, never 0.
 */
final class JsonFormat implements ResultFormat<TableReport> {
    static final String FORMAT = "lanebench-table/2";
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String render(TableReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("rows", r.rows());
        ArrayNode sources = root.putArray("sources");
        for (Source s : r.sources()) {
            ObjectNode o = sources.addObject();
            o.put("path", s.path());
            o.put("rows", s.rows());
            o.put("raw_schema", s.header().schema());
            ArrayNode unknown = o.putArray("unknown_columns");
            s.header().unknownColumns().forEach(unknown::add);
        }
        bootstrap(root);
        ArrayNode lanes = root.putArray("lanes");
        for (LaneTotals l : r.laneTotals()) {
            ObjectNode o = lanes.addObject();
            o.put("lane", l.lane());
            o.put("runner", l.runner());
            o.put("model", l.model());
            o.put("attempts", l.attempts());
            o.put("scored", l.scored());
            o.put("off_route", l.offRoute());
            o.put("infra_errors", l.infraErrors());
            o.put("verify_errors", l.verifyErrors());
            o.put("cost_usd", decimal(l.costUsd()));
            o.put("cost_measured", l.costMeasured());
            o.put("input_tokens", l.inputTokens());
            o.put("cached_tokens", l.cachedTokens());
            o.put("output_tokens", l.outputTokens());
            o.put("tokens_measured", l.tokensMeasured());
            o.put("agent_s", decimal(l.agentSeconds()));
            o.put("agent_s_measured", l.agentMeasured());
            ArrayNode sandboxes = o.putArray("sandboxes");
            l.sandboxes().forEach(sandboxes::add);
        }
        ArrayNode tasks = root.putArray("tasks");
        for (TaskRef t : r.taskRefs()) {
            task(tasks.addObject(), t).put("key", t.key()).put("task_hash", t.hash().isEmpty() ? null : t.hash());
        }
        ArrayNode cells = root.putArray("cells");
        for (TaskRef t : r.taskRefs()) {
            for (String lane : r.lanes()) {
                CellStats c = r.cell(t.key(), lane);
                if (c != null) {
                    ObjectNode o = task(cells.addObject(), t);
                    o.put("lane", lane);
                    cell(o, c);
                }
            }
        }
        ArrayNode comparisons = root.putArray("comparisons");
        r.comparisons().forEach(c -> comparison(comparisons.addObject(), c));
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain values always serialises
        }
    }

    private static void comparison(ObjectNode o, Comparison c) {
        o.put("model", c.model());
        o.put("flat_lane", c.flatLane());
        ArrayNode harnesses = o.putArray("harness_lanes");
        c.harnesses().forEach(h -> harnesses.addObject().put("lane", h.lane()).put("runner", h.runner()));
        ArrayNode rows = o.putArray("rows");
        for (Comparison.Row row : c.rows()) {
            ObjectNode ro = task(rows.addObject(), row.task());
            side(ro.putObject("flat"), row.flat());
            ArrayNode hs = ro.putArray("harness");
            for (int i = 0; i < c.harnesses().size(); i++) {
                ObjectNode h = hs.addObject();
                h.put("lane", c.harnesses().get(i).lane());
                side(h, row.harness().get(i));
                delta(h, row.deltas().get(i));
            }
        }
        ArrayNode all = o.putArray("all_tasks");
        for (int i = 0; i < c.harnesses().size(); i++) {
            DeltaSummary s = c.allTasks().get(i);
            ObjectNode a = all.addObject();
            a.put("lane", c.harnesses().get(i).lane());
            a.put("tasks", s.tasks());
            a.put("flat_mean", decimal(s.baseMean()));
            a.put("harness_mean", decimal(s.otherMean()));
            summary(a, s);
        }
    }

    private static void summary(ObjectNode a, DeltaSummary s) {
        a.put("delta", decimal(s.delta()));
        interval(a, s);
    }

    /** How the intervals were made, so a reader can reproduce them. */
    static void bootstrap(ObjectNode root) {
        ObjectNode bootstrap = root.putObject("bootstrap");
        bootstrap.put("resamples", PairedBootstrap.RESAMPLES);
        bootstrap.put("seed", PairedBootstrap.SEED);
        bootstrap.put("level", PairedBootstrap.LEVEL);
    }

    /** A summary's interval and moves, as the table and the run comparison both write them. */
    static void interval(ObjectNode a, DeltaSummary s) {
        a.put("ci95_low", decimal(s.ciLow()));
        a.put("ci95_high", decimal(s.ciHigh()));
        a.put("up", s.up());
        a.put("down", s.down());
        a.put("same", s.same());
        a.put("up_clear", s.upClear());
        a.put("down_clear", s.downClear());
    }

    static void delta(ObjectNode o, Delta d) {
        o.put("delta", decimal(d == null ? null : d.value()));
        if (d == null) {
            o.putNull("ranges_disjoint");
            o.putNull("single_attempt");
        } else {
            o.put("ranges_disjoint", d.rangesDisjoint());
            o.put("single_attempt", d.singleAttempt());
        }
    }

    /** A side of a comparison: its median, range and n, all null when the lane never attempted the task. */
    static void side(ObjectNode o, CellStats c) {
        o.put("median", decimal(c == null ? null : c.median()));
        o.put("min", decimal(c == null ? null : c.min()));
        o.put("max", decimal(c == null ? null : c.max()));
        if (c == null) {
            o.putNull("n");
        } else {
            o.put("n", c.n());
        }
    }

    private static ObjectNode task(ObjectNode o, TaskRef t) {
        o.put("task", t.task());
        o.put("version", t.version());
        o.put("tier", t.tier());
        return o;
    }

    static void cell(ObjectNode o, CellStats c) {
        o.put("n", c.n());
        o.put("median", decimal(c.median()));
        o.put("min", decimal(c.min()));
        o.put("max", decimal(c.max()));
        o.put("iqr", decimal(c.iqr()));
        o.put("infra_errors", c.infraErrors());
        o.put("verify_errors", c.verifyErrors());
        o.put("off_route", c.offRoute());
    }

    /** Through the raw.csv spelling, so json shows 4.1625 and never 4.1625000000000005. */
    static BigDecimal decimal(Double value) {
        return value == null ? null : new BigDecimal(RawCsvSchema.formatDouble(value));
    }
}
