package dev.lanebench.scoring.raw;

import dev.lanebench.scoring.raw.RawCsvSchema.Column;
import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the records of a raw.csv, or of one region of it, straight from its bytes (RFC 4180 quoting, as
 * Commons CSV writes it) and gives typed access to the fields of the current one, found by column name
 * through the file's {@link RawCsvHeader}.
 *
 * <p>Why not Commons CSV here: on a 1M-row raw.csv it took 4.4 s just to split the records, several times
 * what all of {@code lanebench table} may take. This scanner splits fields in one pass, eight bytes at a time,
 * parses numbers from the bytes without making Strings, and shares the Strings of repetitive columns. The
 * writer still quotes through Commons CSV, and tests check the two agree.
 *
 * <p>A record is complete only when its terminating newline (outside quotes) is in the file; whatever
 * follows the last such newline is a half-written tail and is never parsed. A region scanner reads the
 * records that start inside its region, the last one to its end even past the region.
 */
final class RawCsvScanner implements RecordView, ScoreRecord, ScoreKeyInterner.Fields, Closeable {
    static final int INITIAL_BUFFER = 1 << 20;
    // One record this large means an unclosed quote swallowing the file, not a real row.
    private static final int MAX_RECORD_BYTES = 64 << 20;
    private static final Set<Column> INTERNED = EnumSet.of(Column.RUN_ID, Column.TASK, Column.TIER, Column.LANE,
            Column.RUNNER, Column.MODEL, Column.SERVED_MODELS, Column.TASK_HASH, Column.HARNESS_VERSION,
            Column.SANDBOX);
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};
    private static final int FAST_DIGITS = 15; // 10^15 < 2^53: every such mantissa is an exact double
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private final Path file;
    private final FileChannel channel;
    private final boolean ownsChannel;
    private final long regionEnd;
    private byte[] buf;
    private int pos;
    private int limit;
    private long base; // file offset of buf[0]
    private boolean eof;
    private boolean countLines = true;

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] escaped = new boolean[64];
    private boolean[] quoted = new boolean[64];
    private int fieldCount;
    private int recordStart;
    private long recordOffset;
    private boolean blank;
    private RawCsvHeader header = RawCsvHeader.current();
    private FieldInterner[] interners = interners(header);
    private int[] keyFields = keyFields(header);
    private int[] keyRanges = keyRanges(keyFields); // field ranges [first, last] covering the key, in pairs
    private ScoreKeyInterner keys;

    RawCsvScanner(Path file, FileChannel channel, boolean ownsChannel) {
        this(file, channel, ownsChannel, INITIAL_BUFFER);
    }

    /** With a chosen starting buffer size: tests use tiny ones to put a buffer edge at every byte of a row. */
    RawCsvScanner(Path file, FileChannel channel, boolean ownsChannel, int initialBuffer) {
        this(file, channel, ownsChannel, initialBuffer, 0, Long.MAX_VALUE);
    }

    /**
     * Over the records that start in [{@code start}, {@code end}); {@code start} must be the start of a record.
     * Reads are positional, so region scanners on other threads can share the channel.
     */
    RawCsvScanner(Path file, FileChannel channel, boolean ownsChannel, int initialBuffer, long start, long end) {
        this.buf = new byte[initialBuffer];
        this.file = file;
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.base = start;
        this.regionEnd = end;
    }

    private static FieldInterner[] interners(RawCsvHeader header) {
        FieldInterner[] out = new FieldInterner[header.fieldCount()];
        for (Column c : INTERNED) {
            int i = header.fieldOf(c);
            if (i >= 0) {
                out[i] = new FieldInterner();
            }
        }
        return out;
    }

    private static final Column[] KEY_COLUMNS = {Column.TASK, Column.TIER, Column.LANE, Column.RUNNER, Column.MODEL,
        Column.TASK_HASH, Column.SANDBOX};

    private static int[] keyFields(RawCsvHeader header) {
        int[] out = new int[KEY_COLUMNS.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = header.fieldOf(KEY_COLUMNS[k]);
        }
        return out;
    }

    /**
     * Runs of adjacent key fields (task to model, in the usual header), each as the first and last field index;
     * key columns the file does not have (sandbox before schema 2) are left out.
     */
    private static int[] keyRanges(int[] fields) {
        int[] sorted = Arrays.stream(fields).filter(i -> i >= 0).sorted().toArray();
        int[] out = new int[sorted.length * 2];
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n > 0 && out[n - 1] == sorted[i] - 1) {
                out[n - 1] = sorted[i];
            } else {
                out[n++] = sorted[i];
                out[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** From now on columns are found through this header (the file's own); the default is the current schema's. */
    void useHeader(RawCsvHeader header) {
        this.header = header;
        this.interners = interners(header);
        this.keyFields = keyFields(header);
        this.keyRanges = keyRanges(keyFields);
    }

    RawCsvHeader header() {
        return header;
    }

    /**
     * Whether error messages count lines (reading the file up to the error). A chunk read on a guessed start
     * turns it off: its errors are thrown away unless the guess proves right, and then the chunk is read again.
     */
    void countLines(boolean count) {
        this.countLines = count;
    }

    /** The file offset just past the last complete record read or skipped. */
    long completeLength() {
        return base + pos;
    }

    /**
     * Steps over a UTF-8 byte order mark at the very start of the file, which spreadsheet programs add on save
     * and which would otherwise make a correct header look wrong. Call before the first record.
     */
    void skipByteOrderMark() throws IOException {
        while (limit - pos < 3 && !eof) {
            fill();
        }
        if (base == 0 && pos == 0 && limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB
                && buf[2] == (byte) 0xBF) {
            pos = 3;
        }
    }

    /** Moves past the next complete record; false at the end or a half-written tail. */
    boolean skip() throws IOException {
        return scanRecord();
    }

    /** Moves to the next complete non-blank record and splits it into fields; false at the end or a half-written tail. */
    boolean next() throws IOException {
        while (scanRecord()) {
            if (!blank) {
                return true;
            }
        }
        return false;
    }

    /** The current record's fields as Strings (the header, or a row being upgraded to the current schema). */
    List<String> fieldsAsText() {
        List<String> out = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            out.add(decode(i));
        }
        return out;
    }

    /** Checks the field count of the current record against the header's. */
    void requireColumnCount() throws IOException {
        if (fieldCount != header.fieldCount()) {
            throw new RawCsvException(file + ": line " + lineAt(recordOffset) + ": " + fieldCount
                    + " fields, expected " + header.fieldCount());
        }
    }

    /**
     * Splits the record at {@code pos} into fields in one pass, reading more of the file as needed. Offsets
     * are kept relative to the record start, so moving the buffer under a long record ({@link #fill}) changes
     * none of them. Eight bytes are looked at a time: a mask marks every comma, newline and quote among them,
     * and each marked byte ends a field, ends the record or opens a quoted field, so short fields cost no
     * more than a bit each. On success {@code recordStart} holds the record and {@code pos} is past its
     * newline; false when the region is done or the file ends first (the record is a half-written tail and
     * is left unread).
     */
    private boolean scanRecord() throws IOException {
        if (base + pos >= regionEnd) {
            return false;
        }
        int r = 0; // the next byte to look at
        int f = 0;
        int fieldStart = 0;
        boolean firstQuoted = false;
        scan:
        while (true) {
            int p = pos + r;
            if (p + Long.BYTES <= limit) {
                long marks = specialBytes((long) LONGS.get(buf, p));
                while (marks != 0) {
                    int q = r + lowestMarkedByte(marks);
                    byte c = buf[pos + q];
                    if (c == ',') {
                        field(f++, fieldStart, q, false, false);
                        fieldStart = q + 1;
                    } else if (c == '\n') {
                        field(f++, fieldStart, q > fieldStart && buf[pos + q - 1] == '\r' ? q - 1 : q, false, false);
                        return finish(f, q + 1, firstQuoted);
                    } else {
                        if (q != fieldStart) {
                            throw fieldError(f, "a quote inside an unquoted field");
                        }
                        firstQuoted |= f == 0;
                        int after = quotedField(f++, q);
                        if (after < 0) {
                            return false;
                        }
                        if (buf[pos + after] == '\n') {
                            return finish(f, after + 1, firstQuoted);
                        }
                        fieldStart = after + 1;
                        r = after + 1;
                        continue scan;
                    }
                    marks &= marks - 1;
                }
                r += Long.BYTES;
            } else {
                if (p >= limit) {
                    if (eof) {
                        return false;
                    }
                    fill();
                    continue;
                }
                byte c = buf[p];
                if (c == ',') {
                    field(f++, fieldStart, r, false, false);
                    fieldStart = r + 1;
                } else if (c == '\n') {
                    field(f++, fieldStart, r > fieldStart && buf[p - 1] == '\r' ? r - 1 : r, false, false);
                    return finish(f, r + 1, firstQuoted);
                } else if (c == '"') {
                    if (r != fieldStart) {
                        throw fieldError(f, "a quote inside an unquoted field");
                    }
                    firstQuoted |= f == 0;
                    int after = quotedField(f++, r);
                    if (after < 0) {
                        return false;
                    }
                    if (buf[pos + after] == '\n') {
                        return finish(f, after + 1, firstQuoted);
                    }
                    fieldStart = after + 1;
                    r = after + 1;
                    continue;
                }
                r++;
            }
        }
    }

    /**
     * Reads the quoted field {@code f} whose opening quote is at {@code open} (relative to the record) and
     * returns where the comma or newline after its closing quote is, or −1 when the file ends first. A quote
     * is read together with the byte after it: {@code ""} is an escaped quote, anything else closes.
     */
    private int quotedField(int f, int open) throws IOException {
        int r = open + 1;
        boolean esc = false;
        while (true) {
            int p = pos + r;
            if (p + Long.BYTES <= limit) {
                // Eight bytes at a time to the next quote: evidence texts are the long fields.
                long quote = zeroBytes((long) LONGS.get(buf, p) ^ QUOTES);
                if (quote == 0) {
                    r += Long.BYTES;
                    continue;
                }
                r += lowestMarkedByte(quote);
            } else {
                if (p >= limit) {
                    if (eof) {
                        return -1; // the file ends inside the field
                    }
                    fill();
                    continue;
                }
                if (buf[p] != '"') {
                    r++;
                    continue;
                }
            }
            if (!available(r + 1)) {
                return -1; // the file ends right after the closing quote
            }
            if (buf[pos + r + 1] == '"') {
                esc = true;
                r += 2;
                continue;
            }
            break;
        }
        int close = r;
        int after = r + 1;
        if (buf[pos + after] == '\r') {
            if (!available(after + 1)) {
                return -1;
            }
            if (buf[pos + after + 1] == '\n') {
                after++;
            }
        }
        byte a = buf[pos + after];
        if (a != ',' && a != '\n') {
            throw fieldError(f, "unexpected text after a closing quote");
        }
        field(f, open + 1, close, esc, true);
        return after;
    }

    /** Makes sure the byte at {@code r} (relative to the record) is in the buffer; false when the file ends first. */
    private boolean available(int r) throws IOException {
        while (pos + r >= limit && !eof) {
            fill();
        }
        return pos + r < limit;
    }

    private void field(int f, int start, int end, boolean esc, boolean quotes) {
        if (f == starts.length) {
            growFields();
        }
        starts[f] = start;
        ends[f] = end;
        escaped[f] = esc;
        quoted[f] = quotes;
    }

    private void growFields() {
        starts = Arrays.copyOf(starts, starts.length * 2);
        ends = Arrays.copyOf(ends, ends.length * 2);
        escaped = Arrays.copyOf(escaped, escaped.length * 2);
        quoted = Arrays.copyOf(quoted, quoted.length * 2);
    }

    private boolean finish(int fields, int length, boolean firstQuoted) {
        recordStart = pos;
        recordOffset = base + pos;
        fieldCount = fields;
        blank = fields == 1 && ends[0] == starts[0] && !firstQuoted;
        pos += length;
        return true;
    }

    /**
     * A mask with the high bit set in every byte of {@code word} that is a comma, newline or quote, and in no
     * other: exact, so every marked byte can be taken in turn.
     */
    private static long specialBytes(long word) {
        return exactZeroBytes(word ^ COMMAS) | exactZeroBytes(word ^ NEWLINES) | exactZeroBytes(word ^ QUOTES);
    }

    /** The high bit of every zero byte of {@code x}; no carry crosses bytes, so no byte is marked wrongly. */
    static long exactZeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /**
     * The index (0–7) of the lowest byte whose high bit is set in {@code marks}, which has no other bits set.
     * The same as {@code numberOfTrailingZeros(marks) / 8}, but a multiply, so it stays cheap where the JIT
     * does not turn numberOfTrailingZeros into one instruction (C1, which short commands run on).
     */
    static int lowestMarkedByte(long marks) {
        long lowest = (marks & -marks) >>> 7; // 1 << 8k for byte k
        return (int) ((lowest * 0x0001020304050607L) >>> 56);
    }

    /** The classic "has a zero byte" test: the lowest flagged byte is exact, which is all the caller reads. */
    static long zeroBytes(long x) {
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }

    /** Keeps the unread part of the buffer (from the current record on) and reads more. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            base += pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_RECORD_BYTES) {
                throw new RawCsvException(file + ": line " + lineAt(base) + ": a record longer than "
                        + (MAX_RECORD_BYTES >> 20) + " MiB (an unclosed quote?)");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit), base + limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /**
     * The line number of a file offset, counting every newline before it, those inside quoted fields too.
     * Only error messages need it, so it is worked out then rather than tracked for every record.
     */
    private long lineAt(long offset) throws IOException {
        if (!countLines) {
            return -1;
        }
        long line = 1;
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        long at = 0;
        while (at < offset) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), offset - at));
            int n = channel.read(chunk, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (chunk.get(i) == '\n') {
                    line++;
                }
            }
            at += n;
        }
        return line;
    }

    private RawCsvException fieldError(int field, String detail) throws IOException {
        String name = field < header.fieldCount() ? columnName(field) : null;
        String where = name != null ? ", column " + name : ", field " + (field + 1);
        return new RawCsvException(file + ": line " + lineAt(base + pos) + where + ": " + detail);
    }

    private String columnName(int field) {
        for (Column c : Column.values()) {
            if (header.fieldOf(c) == field) {
                return c.wire();
            }
        }
        return null;
    }

    @Override
    public RawCsvException invalid(Column column, String detail) throws IOException {
        return new RawCsvException(file + ": line " + lineAt(recordOffset) + ", column " + column.wire() + ": "
                + detail);
    }

    private String decode(int i) {
        int s = recordStart + starts[i];
        int e = recordStart + ends[i];
        if (escaped[i]) {
            return new String(buf, s, e - s, StandardCharsets.UTF_8).replace("\"\"", "\"");
        }
        FieldInterner interner = i < interners.length ? interners[i] : null;
        return interner != null ? interner.intern(buf, s, e) : new String(buf, s, e - s, StandardCharsets.UTF_8);
    }

    @Override
    public String text(Column column, boolean required) throws IOException {
        int i = header.fieldOf(column);
        if (i < 0 || starts[i] == ends[i]) {
            if (required) {
                throw invalid(column, "empty, but this column is required");
            }
            return null;
        }
        return decode(i);
    }

    @Override
    public Integer integer(Column column, boolean required) throws IOException {
        Long v = parseLong(column, required);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(column, "'" + v + "' is out of range");
        }
        return v.intValue();
    }

    @Override
    public Long longInteger(Column column) throws IOException {
        return parseLong(column, false);
    }

    private Long parseLong(Column column, boolean required) throws IOException {
        int i = header.fieldOf(column);
        if (i < 0 || starts[i] == ends[i]) {
            if (required) {
                throw invalid(column, "empty, but this column is required");
            }
            return null;
        }
        return wholeNumber(column, i);
    }

    /** A count that is never negative in raw.csv, or −1 when empty. */
    private long countOrMinusOne(Column column) throws IOException {
        int i = header.fieldOf(column);
        if (i < 0 || starts[i] == ends[i]) {
            return -1;
        }
        long v = wholeNumber(column, i);
        if (v < 0) {
            throw invalid(column, "'" + v + "' is negative");
        }
        return v;
    }

    private long wholeNumber(Column column, int i) throws IOException {
        int p = recordStart + starts[i];
        int e = recordStart + ends[i];
        boolean negative = buf[p] == '-';
        if (negative) {
            p++;
        }
        // 18 digits always fit a long; longer spellings are out of any real range for these columns.
        if (p == e || e - p > 18) {
            throw invalid(column, "'" + RawCsvException.shown(decode(i)) + "' is not a whole number");
        }
        long v = 0;
        for (; p < e; p++) {
            int d = buf[p] - '0';
            if (d < 0 || d > 9) {
                throw invalid(column, "'" + RawCsvException.shown(decode(i)) + "' is not a whole number");
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    @Override
    public Double decimal(Column column) throws IOException {
        double v = decimalOrNaN(column);
        return Double.isNaN(v) ? null : v;
    }

    /** The column's number, NaN when empty (raw.csv never writes NaN: it is refused as a value). */
    private double decimalOrNaN(Column column) throws IOException {
        int i = header.fieldOf(column);
        if (i < 0 || starts[i] == ends[i]) {
            return Double.NaN;
        }
        int p = recordStart + starts[i];
        int e = recordStart + ends[i];
        boolean negative = buf[p] == '-';
        if (negative) {
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        boolean plain = p < e;
        for (; p < e; p++) {
            int b = buf[p];
            if (b >= '0' && b <= '9') {
                if (++digits > FAST_DIGITS) {
                    plain = false;
                    break;
                }
                mantissa = mantissa * 10 + (b - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (b == '.' && fraction < 0) {
                fraction = 0;
            } else {
                plain = false;
                break;
            }
        }
        if (plain && digits > 0) {
            // Both operands are exact doubles and IEEE division rounds correctly, so this equals parseDouble.
            double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
            return negative ? -v : v;
        }
        return slowDecimal(column, decode(i));
    }

    /** Exponents and long mantissas, which raw.csv never writes but a hand-edited file may hold. */
    private double slowDecimal(Column column, String text) throws IOException {
        boolean numeric = !text.isEmpty();
        for (int k = 0; k < text.length(); k++) {
            if ("0123456789.-+eE".indexOf(text.charAt(k)) < 0) {
                numeric = false;
                break;
            }
        }
        if (numeric) {
            try {
                double v = Double.parseDouble(text);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw invalid(column, "'" + RawCsvException.shown(text) + "' is not a number");
    }

    @Override
    public Boolean bool(Column column) throws IOException {
        int i = header.fieldOf(column);
        if (i < 0 || starts[i] == ends[i]) {
            return null;
        }
        if (equalsAscii(i, "true")) {
            return Boolean.TRUE;
        }
        if (equalsAscii(i, "false")) {
            return Boolean.FALSE;
        }
        throw invalid(column, "'" + RawCsvException.shown(decode(i)) + "' is not true or false");
    }

    @Override
    public Status status(Column column) throws IOException {
        int i = header.fieldOf(column);
        for (Status s : Status.values()) {
            if (equalsAscii(i, s.wire())) {
                return s;
            }
        }
        String got = starts[i] == ends[i] ? "empty, expected" : "'" + RawCsvException.shown(decode(i)) + "' is not";
        throw invalid(column, got + " one of scored, infra_error, verify_error");
    }

    private boolean equalsAscii(int field, String word) {
        int s = recordStart + starts[field];
        if (recordStart + ends[field] - s != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (buf[s + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    // ScoreRecord: the score columns as primitives, for chunked table reads.

    @Override
    public int key() {
        if (keys == null) {
            keys = new ScoreKeyInterner();
        }
        return keys.intern(this);
    }

    @Override
    public ScoreKey keyOf(int key) {
        return keys.key(key);
    }

    @Override
    public byte[] buf() {
        return buf;
    }

    @Override
    public int ranges() {
        return keyRanges.length / 2;
    }

    /** Raw bytes, from the first field's opening quote (if quoted) to the last one's closing quote: exact spellings. */
    @Override
    public int start(int range) {
        int i = keyRanges[2 * range];
        return recordStart + starts[i] - (quoted[i] ? 1 : 0);
    }

    @Override
    public int end(int range) {
        int i = keyRanges[2 * range + 1];
        return recordStart + ends[i] + (quoted[i] ? 1 : 0);
    }

    @Override
    public String text(int key) {
        int i = keyFields[key];
        return i < 0 || starts[i] == ends[i] ? null : decode(i);
    }

    @Override
    public Status status() throws IOException {
        return status(Column.STATUS);
    }

    @Override
    public double composite() throws IOException {
        double v = decimalOrNaN(Column.COMPOSITE);
        if (Double.isNaN(v) && equalsAscii(header.fieldOf(Column.STATUS), "scored")) {
            throw invalid(Column.COMPOSITE, "empty, but a scored row always has a composite");
        }
        return v;
    }

    @Override
    public Boolean routeOk() throws IOException {
        return bool(Column.ROUTE_OK);
    }

    @Override
    public double costUsd() throws IOException {
        return decimalOrNaN(Column.COST_USD);
    }

    @Override
    public long inputTokens() throws IOException {
        return countOrMinusOne(Column.INPUT_TOKENS);
    }

    @Override
    public long cachedTokens() throws IOException {
        return countOrMinusOne(Column.CACHED_TOKENS);
    }

    @Override
    public long outputTokens() throws IOException {
        return countOrMinusOne(Column.OUTPUT_TOKENS);
    }

    @Override
    public double agentS() throws IOException {
        return decimalOrNaN(Column.AGENT_S);
    }

    @Override
    public void close() throws IOException {
        if (ownsChannel) {
            channel.close();
        }
    }
}
