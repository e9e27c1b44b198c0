package lanebench.hidden;

import com.ledgerly.money.CurrencyUnit;
import com.ledgerly.money.Invoice;
import com.ledgerly.money.LineItem;
import com.ledgerly.money.Money;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Observation driver of the java-bugfix task (lanebench), compiled with the submitted sources; not part of the
 * workspace. Reads the whole of stdin first: a nonce line, then one operation per line. Runs each operation
 * against the submitted money library and prints one line, {@code <nonce> {"results": [...]}}, one JSON value
 * per operation: what came back, or {@code {"error": "<exception class>"}}. It judges nothing; the grader
 * computes the expected values itself.
 *
 * <pre>
 * alloc AMOUNT CUR R1,R2,...   minor units of Money.ofMinor(AMOUNT, CUR).allocate(R...)  ("-" = no ratios)
 * split DECIMAL CUR N          minor units of Money.of(DECIMAL, CUR).split(N)
 * of DECIMAL CUR               [toString, minorUnits]
 * plus|minus A B CUR           toString of A op B          negate A CUR      cmp A B CUR  (sign)
 * times A CUR FACTOR MODE      toString of A.times(FACTOR, RoundingMode.MODE)
 * mix A CUR1 B CUR2            toString of A.plus(B) across currencies
 * invoice CUR TAX PAYERS LINES [subtotal, tax, total (toString), total minor units, split minor units]
 *                              LINES = desc|price|qty;...  (PAYERS 0: no split)
 * </pre>
 */
public final class Probe {
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(12);

    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String nonce = in.readLine().trim();
        List<String> ops = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                ops.add(line);
            }
        }
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        long end = System.nanoTime() + DEADLINE_NS;
        StringBuilder out = new StringBuilder(nonce).append(" {\"results\": [");
        boolean hung = false;
        for (int i = 0; i < ops.size(); i++) {
            String op = ops.get(i);
            String result;
            if (hung) {
                result = "{\"error\": \"skipped: an earlier call did not return\"}";
            } else {
                Future<String> f = pool.submit(() -> run(op.split(" ", 5)));
                try {
                    result = f.get(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    hung = true;
                    result = "{\"error\": \"timeout\"}";
                } catch (java.util.concurrent.ExecutionException e) {
                    result = "{\"error\": " + quote(e.getCause().getClass().getSimpleName()) + "}";
                }
            }
            out.append(i == 0 ? "" : ", ").append(result);
        }
        out.append("]}");
        System.out.println();
        System.out.println(out);
        System.out.flush();
        Runtime.getRuntime().halt(0); // a call that never returned must not keep the JVM alive
    }

    private static String run(String[] a) {
        switch (a[0]) {
            case "alloc": {
                CurrencyUnit cur = CurrencyUnit.of(a[2]);
                long[] ratios = a[3].equals("-") ? new long[0] : parseLongs(a[3]);
                return minors(Money.ofMinor(Long.parseLong(a[1]), cur).allocate(ratios), cur);
            }
            case "split": {
                CurrencyUnit cur = CurrencyUnit.of(a[2]);
                return minors(Money.of(a[1], cur).split(Integer.parseInt(a[3])), cur);
            }
            case "of": {
                Money m = Money.of(a[1], CurrencyUnit.of(a[2]));
                return "[" + quote(m.toString()) + ", " + m.minorUnits() + "]";
            }
            case "plus":
                return quote(money(a[1], a[3]).plus(money(a[2], a[3])).toString());
            case "minus":
                return quote(money(a[1], a[3]).minus(money(a[2], a[3])).toString());
            case "negate":
                return quote(money(a[1], a[2]).negate().toString());
            case "cmp":
                return String.valueOf(Integer.signum(money(a[1], a[3]).compareTo(money(a[2], a[3]))));
            case "times":
                return quote(money(a[1], a[2]).times(new BigDecimal(a[3]), RoundingMode.valueOf(a[4])).toString());
            case "mix":
                return quote(money(a[1], a[2]).plus(money(a[3], a[4])).toString());
            case "invoice":
                return invoice(a);
            default:
                throw new IllegalStateException("unknown operation " + a[0]);
        }
    }

    private static String invoice(String[] a) {
        CurrencyUnit cur = CurrencyUnit.of(a[1]);
        Invoice inv = new Invoice("INV-PROBE", cur, new BigDecimal(a[2]));
        for (String line : a[4].split(";")) {
            String[] f = line.split("\\|");
            inv.add(new LineItem(f[0], Money.of(f[1], CurrencyUnit.of(f.length > 3 ? f[3] : a[1])), Integer.parseInt(f[2])));
        }
        int payers = Integer.parseInt(a[3]);
        Money total = inv.total();
        return "[" + quote(inv.subtotal().toString()) + ", " + quote(inv.tax().toString()) + ", " + quote(total.toString())
                + ", " + total.minorUnits() + ", " + (payers > 0 ? minors(inv.splitBetween(payers), cur) : "null") + "]";
    }

    private static Money money(String decimal, String code) {
        return Money.of(decimal, CurrencyUnit.of(code));
    }

    private static long[] parseLongs(String csv) {
        String[] parts = csv.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i]);
        }
        return out;
    }

    /** Minor units of each part; a part in another currency, or a null list, is reported as such. */
    private static String minors(List<Money> parts, CurrencyUnit cur) {
        if (parts == null) {
            return "{\"error\": \"null list\"}";
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < parts.size(); i++) {
            Money m = parts.get(i);
            if (m == null || !cur.equals(m.currency())) {
                return "{\"error\": " + quote("part " + i + " is " + (m == null ? "null" : "in " + m.currency())) + "}";
            }
            s.append(i == 0 ? "" : ", ").append(m.minorUnits());
        }
        return s.append("]").toString();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : String.valueOf(s).toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
