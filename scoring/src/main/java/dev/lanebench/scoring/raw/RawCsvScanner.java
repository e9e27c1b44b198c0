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
final class RawCsvScanner implements RecordView, Closeable {
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

    private final Path file;
    private final FileChannel channel;
    private final boolean ownsChannel;
    private final long regionEnd;
    private byte[] buf;
    private int pos;
    private int limit;
    private long base; // file offset of buf[0]
    private boolean eof;

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] escaped = new boolean[64];
    private int fieldCount;
    private int recordStart;
    private long recordOffset;
    private boolean blank;
    private RawCsvHeader header = RawCsvHeader.current();
    private FieldInterner[] interners = interners(header);

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

    /** From now on columns are found through this header (the file's own); the default is the current schema's. */
    void useHeader(RawCsvHeader header) {
        this.header = header;
        this.interners = interners(header);
    }

    RawCsvHeader header() {
        return header;
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
     * Splits the record at {@code pos} into fields in one pass, reading more of the file as needed. Field
     * offsets are kept relative to the record start, so moving the buffer under a long record costs nothing.
     * On success {@code recordStart} holds the record and {@code pos} is past its newline; false when the
     * region is done or the file ends first (the record is a half-written tail and is left unread).
     */
    private boolean scanRecord() throws IOException {
        if (base + pos >= regionEnd) {
            return false;
        }
        int p = pos;
        int f = 0;
        boolean firstQuoted = false;
        while (true) {
            while (p >= limit && !eof) {
                p -= fill();
            }
            if (p >= limit) {
                return false;
            }
            int fieldStart;
            int fieldEnd;
            boolean esc = false;
            boolean lastField;
            if (buf[p] == '"') {
                firstQuoted |= f == 0;
                p++;
                fieldStart = p;
                while (true) {
                    if (p + Long.BYTES <= limit) {
                        // Eight bytes at a time to the next quote: evidence texts are the long fields.
                        long quote = zeroBytes((long) LONGS.get(buf, p) ^ QUOTES);
                        if (quote == 0) {
                            p += Long.BYTES;
                            continue;
                        }
                        p += Long.numberOfTrailingZeros(quote) >>> 3;
                    } else {
                        while (p >= limit && !eof) {
                            int shift = fill();
                            p -= shift;
                            fieldStart -= shift;
                        }
                        if (p >= limit) {
                            return false; // the file ends inside the field
                        }
                        if (buf[p] != '"') {
                            p++;
                            continue;
                        }
                    }
                    // A quote is read together with the byte after it: "" is an escaped quote, else it closes.
                    while (p + 1 >= limit && !eof) {
                        int shift = fill();
                        p -= shift;
                        fieldStart -= shift;
                    }
                    if (p + 1 >= limit) {
                        return false; // the file ends right after the closing quote
                    }
                    if (buf[p + 1] == '"') {
                        esc = true;
                        p += 2;
                        continue;
                    }
                    break;
                }
                fieldEnd = p;
                p++; // past the closing quote, onto the byte checked above
                byte after = buf[p];
                if (after == '\r') {
                    while (p + 1 >= limit && !eof) {
                        int shift = fill();
                        p -= shift;
                        fieldStart -= shift;
                        fieldEnd -= shift;
                    }
                    if (p + 1 >= limit) {
                        return false;
                    }
                    if (buf[p + 1] == '\n') {
                        p++;
                        after = '\n';
                    }
                }
                if (after == ',') {
                    lastField = false;
                } else if (after == '\n') {
                    lastField = true;
                } else {
                    throw fieldError(f, "unexpected text after a closing quote");
                }
            } else {
                fieldStart = p;
                while (true) {
                    if (p + Long.BYTES <= limit) {
                        // Eight bytes at a time: most fields are short, so this usually finds the comma at once.
                        long special = specialBytes((long) LONGS.get(buf, p));
                        if (special == 0) {
                            p += Long.BYTES;
                            continue;
                        }
                        p += Long.numberOfTrailingZeros(special) >>> 3;
                    } else {
                        while (p >= limit && !eof) {
                            int shift = fill();
                            p -= shift;
                            fieldStart -= shift;
                        }
                        if (p >= limit) {
                            return false;
                        }
                        byte b = buf[p];
                        if (b != ',' && b != '\n' && b != '"') {
                            p++;
                            continue;
                        }
                    }
                    if (buf[p] == '"') {
                        throw fieldError(f, "a quote inside an unquoted field");
                    }
                    break; // a comma or a newline
                }
                lastField = buf[p] == '\n';
                fieldEnd = lastField && p > fieldStart && buf[p - 1] == '\r' ? p - 1 : p;
            }
            if (f == starts.length) {
                starts = Arrays.copyOf(starts, f * 2);
                ends = Arrays.copyOf(ends, f * 2);
                escaped = Arrays.copyOf(escaped, f * 2);
            }
            starts[f] = fieldStart - pos;
            ends[f] = fieldEnd - pos;
            escaped[f] = esc;
            f++;
            p++; // the comma or the newline
            if (lastField) {
                recordStart = pos;
                recordOffset = base + pos;
                fieldCount = f;
                blank = f == 1 && ends[0] == starts[0] && !firstQuoted;
                pos = p;
                return true;
            }
        }
    }

    /**
     * A mask with the high bit set in the lowest byte of {@code word} (little-endian) that is a comma, newline
     * or quote; higher bits may be spurious, so only the lowest set bit is meaningful. Zero when none is.
     */
    private static long specialBytes(long word) {
        return zeroBytes(word ^ COMMAS) | zeroBytes(word ^ NEWLINES) | zeroBytes(word ^ QUOTES);
    }

    /** The classic "has a zero byte" test: the lowest flagged byte is exact, which is all the caller reads. */
    static long zeroBytes(long x) {
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }

    /** Keeps the unread part of the buffer (from the current record on) and reads more; returns how far the kept bytes moved left. */
    private int fill() throws IOException {
        int shift = pos;
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
        return shift;
    }

    /**
     * The line number of a file offset, counting every newline before it, those inside quoted fields too.
     * Only error messages need it, so it is worked out then rather than tracked for every record.
     */
    private long lineAt(long offset) throws IOException {
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
        int i = header.fieldOf(column);
        if (i < 0 || starts[i] == ends[i]) {
            return null;
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
    private Double slowDecimal(Column column, String text) throws IOException {
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

    @Override
    public void close() throws IOException {
        if (ownsChannel) {
            channel.close();
        }
    }
}
