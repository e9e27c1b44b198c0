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
import dev.lanebench.scoring.stats.LaneTotals;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Renders a {@link TableReport} as one JSON object for programs. Keys and their order are fixed (format
 * {@value #FORMAT}); numbers carry at most four decimals; a value that does not exist is null, never 0.
 */
final class JsonRenderer {
    static final String FORMAT = "lanebench-table/1";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private JsonRenderer() {
    }

    static String render(TableReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("rows", r.rows());
        ArrayNode sources = root.putArray("sources");
        r.sources().forEach(sources::add);
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
        }
        ArrayNode tasks = root.putArray("tasks");
        for (String task : r.tasks()) {
            tasks.addObject().put("task", task).put("tier", r.tier(task));
        }
        ArrayNode cells = root.putArray("cells");
        r.cells().forEach(c -> cell(cells.addObject(), c));
        ArrayNode comparisons = root.putArray("comparisons");
        for (Comparison c : r.comparisons()) {
            ObjectNode o = comparisons.addObject();
            o.put("model", c.model());
            o.put("flat_lane", c.flatLane());
            o.put("claude_lane", c.claudeLane());
            ArrayNode rows = o.putArray("rows");
            for (Comparison.Row row : c.rows()) {
                ObjectNode ro = rows.addObject();
                ro.put("task", row.task());
                ro.put("tier", row.tier());
                ro.put("flat_median", decimal(row.flat() == null ? null : row.flat().median()));
                ro.put("claude_median", decimal(row.claude() == null ? null : row.claude().median()));
                ro.put("delta", decimal(row.delta()));
            }
            ObjectNode all = o.putObject("all_tasks");
            all.put("tasks", c.allTasks().tasks());
            all.put("flat_mean", decimal(c.allTasks().flatMean()));
            all.put("claude_mean", decimal(c.allTasks().claudeMean()));
            all.put("delta", decimal(c.allTasks().delta()));
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain values always serialises
        }
    }

    private static void cell(ObjectNode o, CellStats c) {
        o.put("task", c.task());
        o.put("tier", c.tier());
        o.put("lane", c.lane());
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
    private static BigDecimal decimal(Double value) {
        return value == null ? null : new BigDecimal(RawCsvSchema.formatDouble(value));
    }
}
