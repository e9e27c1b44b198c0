package dev.lanebench.scoring.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The raw.csv format in one place: the columns and the schema version that added each, how each value is
 * spelled, which columns are required, and the conversion between {@link RawRow} and a CSV record, shared by
 * the writer and the reader.
 *
 * <p>The header is the contract. Schema 1 is the first 35 columns; schema 2 appends {@code sandbox} and
 * {@code judge_cost_usd}. Writers always write the whole current header; readers find columns by name, so
 * older files (without the appended columns) and newer ones (with columns this version does not know) read.
 */
public final class RawCsvSchema {
    /** The schema this version writes; run.json records it as {@code raw_schema}. */
    public static final int VERSION = 2;

    /** The columns of raw.csv, in the order the writer puts them; {@link #since()} is the schema that added one. */
    public enum Column {
        RUN_ID("run_id"), TASK("task"), TIER("tier"), LANE("lane"), RUNNER("runner"), MODEL("model"),
        REPLICATION("replication"), ATTEMPT("attempt"), STATUS("status"), COMPOSITE("composite"),
        CORRECTNESS("correctness"), PROCESS("process"), COST_EFF("cost_eff"), TIME_EFF("time_eff"),
        QUALITY("quality"), VERIFY_EVIDENCE("verify_evidence"), TIMED_OUT("timed_out"), WALL_S("wall_s"),
        AGENT_S("agent_s"), VERIFY_S("verify_s"), TURNS("turns"), TOOL_CALLS("tool_calls"),
        BUDGET_VIOLATIONS("budget_violations"), INPUT_TOKENS("input_tokens"), CACHED_TOKENS("cached_tokens"),
        OUTPUT_TOKENS("output_tokens"), REASONING_TOKENS("reasoning_tokens"), COST_USD("cost_usd"),
        SERVED_MODELS("served_models"), ROUTE_OK("route_ok"), AGENT_EXIT("agent_exit"), ERROR("error"),
        STARTED_AT("started_at"), TASK_HASH("task_hash"), HARNESS_VERSION("harness_version"),
        SANDBOX("sandbox", 2), JUDGE_COST_USD("judge_cost_usd", 2);

        private final String wire;
        private final int since;

        Column(String wire) {
            this(wire, 1);
        }

        Column(String wire, int since) {
            this.wire = wire;
            this.since = since;
        }

        /** The name in the header. */
        public String wire() {
            return wire;
        }

        /** The schema version that added the column; a file of an older schema simply lacks it. */
        public int since() {
            return since;
        }
    }

    private static final Column[] COLUMNS = Column.values();

    /** The header fields in order. */
    public static final List<String> HEADER = Arrays.stream(COLUMNS).map(Column::wire).toList();

    /** The header as it appears on line 1, without the newline. */
    public static final String HEADER_LINE = String.join(",", HEADER);

    public static final int COLUMN_COUNT = COLUMNS.length;

    /** Commons CSV does the quoting; records end in a bare "\n" so "ends in \n" means "complete". */
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    /** Stored precision of the decimal columns: scores and seconds. */
    public static final int DECIMALS = 4;
    /** Dollar columns keep micro-cent precision: one cheap call costs well under 0.0001 USD and must not read as free. */
    public static final int COST_DECIMALS = 8;

    private RawCsvSchema() {
    }

    /**
     * A double as raw.csv spells it: plain decimal, no exponent, at most four decimals, no trailing zeros
     * ({@code 4.5}, {@code 0.0123}, {@code 5}); null is the empty string.
     *
     * @throws IllegalArgumentException for NaN or infinity, which have no meaning as a measurement
     */
    public static String formatDouble(Double value) {
        return formatDouble(value, DECIMALS);
    }

    /** As {@link #formatDouble(Double)}, with the given number of decimals at most. */
    public static String formatDouble(Double value, int decimals) {
        if (value == null) {
            return "";
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        // BigDecimal.valueOf goes through the shortest decimal form, so 0.1 + 0.2 prints as 0.3, not 0.30000000000000004.
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** The fields of one record, in header order; null becomes the empty string. */
    public static String[] toFields(RawRow row) {
        checkWritable(row);
        String[] f = new String[COLUMN_COUNT];
        f[Column.RUN_ID.ordinal()] = text(row.runId());
        f[Column.TASK.ordinal()] = text(row.task());
        f[Column.TIER.ordinal()] = text(row.tier());
        f[Column.LANE.ordinal()] = text(row.lane());
        f[Column.RUNNER.ordinal()] = text(row.runner());
        f[Column.MODEL.ordinal()] = text(row.model());
        f[Column.REPLICATION.ordinal()] = Integer.toString(row.replication());
        f[Column.ATTEMPT.ordinal()] = Integer.toString(row.attempt());
        f[Column.STATUS.ordinal()] = row.status().wire();
        f[Column.COMPOSITE.ordinal()] = number(Column.COMPOSITE, row.composite());
        f[Column.CORRECTNESS.ordinal()] = number(Column.CORRECTNESS, row.correctness());
        f[Column.PROCESS.ordinal()] = number(Column.PROCESS, row.process());
        f[Column.COST_EFF.ordinal()] = number(Column.COST_EFF, row.costEff());
        f[Column.TIME_EFF.ordinal()] = number(Column.TIME_EFF, row.timeEff());
        f[Column.QUALITY.ordinal()] = number(Column.QUALITY, row.quality());
        f[Column.VERIFY_EVIDENCE.ordinal()] = text(row.verifyEvidence());
        f[Column.TIMED_OUT.ordinal()] = text(row.timedOut());
        f[Column.WALL_S.ordinal()] = number(Column.WALL_S, row.wallS());
        f[Column.AGENT_S.ordinal()] = number(Column.AGENT_S, row.agentS());
        f[Column.VERIFY_S.ordinal()] = number(Column.VERIFY_S, row.verifyS());
        f[Column.TURNS.ordinal()] = text(row.turns());
        f[Column.TOOL_CALLS.ordinal()] = text(row.toolCalls());
        f[Column.BUDGET_VIOLATIONS.ordinal()] = text(row.budgetViolations());
        f[Column.INPUT_TOKENS.ordinal()] = text(row.inputTokens());
        f[Column.CACHED_TOKENS.ordinal()] = text(row.cachedTokens());
        f[Column.OUTPUT_TOKENS.ordinal()] = text(row.outputTokens());
        f[Column.REASONING_TOKENS.ordinal()] = text(row.reasoningTokens());
        f[Column.COST_USD.ordinal()] = number(Column.COST_USD, row.costUsd());
        f[Column.SERVED_MODELS.ordinal()] = text(row.servedModels());
        f[Column.ROUTE_OK.ordinal()] = text(row.routeOk());
        f[Column.AGENT_EXIT.ordinal()] = text(row.agentExit());
        f[Column.ERROR.ordinal()] = text(row.error());
        f[Column.STARTED_AT.ordinal()] = text(row.startedAt());
        f[Column.TASK_HASH.ordinal()] = text(row.taskHash());
        f[Column.HARNESS_VERSION.ordinal()] = text(row.harnessVersion());
        f[Column.SANDBOX.ordinal()] = text(row.sandbox());
        f[Column.JUDGE_COST_USD.ordinal()] = number(Column.JUDGE_COST_USD, row.judgeCostUsd());
        return f;
    }

    /** One complete raw.csv line for the row, quoted where needed, ending in "\n". */
    public static String formatLine(RawRow row) {
        StringBuilder out = new StringBuilder(256);
        try {
            FORMAT.printRecord(out, (Object[]) toFields(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /** Reads one record through the typed accessors of a {@link RecordView}; the reader supplies the view. */
    static RawRow fromRecord(RecordView r) throws IOException {
        RawRow row = new RawRow(
                r.text(Column.RUN_ID, true),
                r.text(Column.TASK, true),
                r.text(Column.TIER, true),
                r.text(Column.LANE, true),
                r.text(Column.RUNNER, true),
                r.text(Column.MODEL, false),
                r.integer(Column.REPLICATION, true),
                r.integer(Column.ATTEMPT, true),
                r.status(Column.STATUS),
                r.decimal(Column.COMPOSITE),
                r.decimal(Column.CORRECTNESS),
                r.decimal(Column.PROCESS),
                r.decimal(Column.COST_EFF),
                r.decimal(Column.TIME_EFF),
                r.decimal(Column.QUALITY),
                r.text(Column.VERIFY_EVIDENCE, false),
                r.bool(Column.TIMED_OUT),
                r.decimal(Column.WALL_S),
                r.decimal(Column.AGENT_S),
                r.decimal(Column.VERIFY_S),
                r.integer(Column.TURNS, false),
                r.integer(Column.TOOL_CALLS, false),
                r.integer(Column.BUDGET_VIOLATIONS, false),
                r.longInteger(Column.INPUT_TOKENS),
                r.longInteger(Column.CACHED_TOKENS),
                r.longInteger(Column.OUTPUT_TOKENS),
                r.longInteger(Column.REASONING_TOKENS),
                r.decimal(Column.COST_USD),
                r.text(Column.SERVED_MODELS, false),
                r.bool(Column.ROUTE_OK),
                r.integer(Column.AGENT_EXIT, false),
                r.text(Column.ERROR, false),
                r.text(Column.STARTED_AT, false),
                r.text(Column.TASK_HASH, false),
                r.text(Column.HARNESS_VERSION, false),
                r.text(Column.SANDBOX, false),
                r.decimal(Column.JUDGE_COST_USD));
        if (row.status() == Status.SCORED && row.composite() == null) {
            throw r.invalid(Column.COMPOSITE, "empty, but a scored row always has a composite");
        }
        return row;
    }

    private static void checkWritable(RawRow row) {
        require(row.runId(), Column.RUN_ID);
        require(row.task(), Column.TASK);
        require(row.tier(), Column.TIER);
        require(row.lane(), Column.LANE);
        require(row.runner(), Column.RUNNER);
        if (row.status() == null) {
            throw new IllegalArgumentException("raw.csv row: status is required");
        }
        if (row.replication() < 1 || row.attempt() < 1) {
            throw new IllegalArgumentException("raw.csv row: replication and attempt count from 1, got r"
                    + row.replication() + " a" + row.attempt());
        }
        // The reader rejects a scored row without a composite, so the writer must never produce one.
        if (row.status() == Status.SCORED && row.composite() == null) {
            throw new IllegalArgumentException("raw.csv row: a scored row needs a composite (" + row.task() + ", "
                    + row.lane() + ")");
        }
    }

    private static void require(String value, Column column) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("raw.csv row: " + column.wire() + " is required");
        }
    }

    private static String number(Column column, Double value) {
        try {
            boolean dollars = column == Column.COST_USD || column == Column.JUDGE_COST_USD;
            return formatDouble(value, dollars ? COST_DECIMALS : DECIMALS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("raw.csv row: " + column.wire() + ": " + e.getMessage());
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
