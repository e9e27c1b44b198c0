package lanebench.hidden;

import com.ledgerly.money.CurrencyUnit;
import com.ledgerly.money.Invoice;
import com.ledgerly.money.LineItem;
import com.ledgerly.money.Money;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hidden grader for the java-bugfix task (lanebench). Not part of the workspace.
 *
 * Reads a nonce from the first line of stdin and prints one line per check:
 * {@code <nonce> CHECK <name> PASS|FAIL <evidence>}. Only lines with the nonce count, so output printed by
 * the code under test cannot fake a result. Each check runs with a time limit.
 */
public final class HiddenChecks {

    private static final CurrencyUnit EUR = CurrencyUnit.EUR;
    private static PrintStream out;
    private static String nonce;

    /** A failed expectation, with the evidence to report. */
    static final class Fail extends RuntimeException {
        Fail(String message) {
            super(message, null, false, false);
        }
    }

    public static void main(String[] args) throws Exception {
        out = System.out;
        nonce = new BufferedReader(new InputStreamReader(System.in)).readLine().trim();
        Map<String, Callable<String>> checks = new LinkedHashMap<>();
        checks.put("example", HiddenChecks::example);
        checks.put("sums", HiddenChecks::sums);
        checks.put("bound", HiddenChecks::bound);
        checks.put("order", HiddenChecks::order);
        checks.put("negative", HiddenChecks::negative);
        checks.put("ratios", HiddenChecks::ratios);
        checks.put("large", HiddenChecks::large);
        checks.put("currencies", HiddenChecks::currencies);
        checks.put("invoice", HiddenChecks::invoice);
        checks.put("api", HiddenChecks::api);
        checks.put("original-tests", HiddenChecks::originalTests);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        for (Map.Entry<String, Callable<String>> e : checks.entrySet()) {
            long left = Math.max(100, Math.min(TimeUnit.SECONDS.toNanos(3), deadline - System.nanoTime()) / 1_000_000);
            Future<String> f = pool.submit(e.getValue());
            String evidence;
            boolean passed;
            try {
                evidence = f.get(left, TimeUnit.MILLISECONDS);
                passed = true;
            } catch (TimeoutException t) {
                f.cancel(true);
                passed = false;
                evidence = "timed out after " + left + " ms";
            } catch (java.util.concurrent.ExecutionException x) {
                passed = false;
                Throwable c = x.getCause();
                evidence = c instanceof Fail ? c.getMessage() : c.getClass().getSimpleName() + ": " + c.getMessage();
            }
            report(e.getKey(), passed, evidence);
        }
        out.flush();
        System.exit(0);
    }

    private static void report(String name, boolean passed, String evidence) {
        String clean = String.valueOf(evidence).replace('\n', ' ').replace('\r', ' ');
        out.println(nonce + " CHECK " + name + " " + (passed ? "PASS" : "FAIL") + " " + clean);
    }

    // ---- reference allocation (largest remainder, ties to the earlier part, sign mirrored) ----

    static long[] reference(long amount, long[] ratios) {
        BigInteger magnitude = BigInteger.valueOf(amount).abs();
        BigInteger total = BigInteger.ZERO;
        for (long r : ratios) {
            total = total.add(BigInteger.valueOf(r));
        }
        int n = ratios.length;
        BigInteger[] floor = new BigInteger[n];
        BigInteger[] rem = new BigInteger[n];
        BigInteger used = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = magnitude.multiply(BigInteger.valueOf(ratios[i])).divideAndRemainder(total);
            floor[i] = qr[0];
            rem[i] = qr[1];
            used = used.add(qr[0]);
        }
        int left = magnitude.subtract(used).intValueExact();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> rem[b].compareTo(rem[a]) != 0 ? rem[b].compareTo(rem[a]) : Integer.compare(a, b));
        for (int k = 0; k < left; k++) {
            floor[idx[k]] = floor[idx[k]].add(BigInteger.ONE);
        }
        long[] result = new long[n];
        for (int i = 0; i < n; i++) {
            result[i] = (amount < 0 ? floor[i].negate() : floor[i]).longValueExact();
        }
        return result;
    }

    static long[] actual(long amount, CurrencyUnit currency, long[] ratios) {
        List<Money> parts = Money.ofMinor(amount, currency).allocate(ratios.clone());
        if (parts == null || parts.size() != ratios.length) {
            throw new Fail("allocate(" + Arrays.toString(ratios) + ") on " + amount + " returned "
                    + (parts == null ? "null" : parts.size() + " parts"));
        }
        long[] result = new long[parts.size()];
        for (int i = 0; i < result.length; i++) {
            Money m = parts.get(i);
            if (!m.currency().equals(currency)) {
                throw new Fail("part " + i + " has currency " + m.currency());
            }
            result[i] = m.minorUnits();
        }
        return result;
    }

    static String show(long amount, long[] ratios, long[] parts) {
        return "allocate" + Arrays.toString(ratios) + " of " + amount + " minor units -> " + Arrays.toString(parts);
    }

    /** A fixed-seed matrix of positive amounts and ratio sets, biased towards uneven splits. */
    static List<long[][]> matrix(long seed, int size) {
        Random rnd = new Random(seed);
        List<long[][]> cases = new ArrayList<>();
        long[] scales = {10, 100, 10_000, 1_000_000, 10_000_000_000L};
        for (int c = 0; c < size; c++) {
            long amount = 1 + (long) (rnd.nextDouble() * scales[c % scales.length]);
            int n = 2 + rnd.nextInt(8);
            long[] ratios = new long[n];
            boolean equal = rnd.nextInt(3) == 0;
            long total = 0;
            for (int i = 0; i < n; i++) {
                ratios[i] = equal ? 1 : rnd.nextInt(12);
                total += ratios[i];
            }
            if (total == 0) {
                ratios[n - 1] = 1;
            }
            cases.add(new long[][] {{amount}, ratios});
        }
        return cases;
    }

    // ---- checks ----

    static String example() {
        List<Money> parts = Money.of("100.00", EUR).split(3);
        List<Money> want = List.of(Money.of("33.34", EUR), Money.of("33.33", EUR), Money.of("33.33", EUR));
        if (!want.equals(parts)) {
            throw new Fail("EUR 100.00 split(3) -> " + parts);
        }
        return "EUR 100.00 split(3) -> " + parts;
    }

    static String sums() {
        int n = 0;
        for (long[][] c : matrix(20240611L, 600)) {
            long amount = c[0][0];
            long[] parts = actual(amount, EUR, c[1]);
            long sum = 0;
            for (long p : parts) {
                sum += p;
            }
            if (sum != amount) {
                throw new Fail("parts add up to " + sum + ": " + show(amount, c[1], parts));
            }
            n++;
        }
        for (int k = 2; k <= 12; k++) {
            long[] ones = new long[k];
            Arrays.fill(ones, 1);
            for (long amount : new long[] {1, 5, 7, 100, 1000, 9999}) {
                long sum = Arrays.stream(actual(amount, EUR, ones)).sum();
                if (sum != amount) {
                    throw new Fail("split(" + k + ") of " + amount + " adds up to " + sum);
                }
                n++;
            }
        }
        return n + " allocations add up to their amount";
    }

    static String bound() {
        int n = 0;
        for (long[][] c : matrix(77003L, 600)) {
            long amount = c[0][0];
            long[] ratios = c[1];
            long[] parts = actual(amount, EUR, ratios);
            BigInteger total = BigInteger.valueOf(Arrays.stream(ratios).sum());
            for (int i = 0; i < parts.length; i++) {
                // |part - amount*ratio/total| < 1  <=>  |part*total - amount*ratio| < total
                BigInteger diff = BigInteger.valueOf(parts[i]).multiply(total)
                        .subtract(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ratios[i]))).abs();
                if (diff.compareTo(total) >= 0) {
                    throw new Fail("part " + i + " is a minor unit or more off its exact share: "
                            + show(amount, ratios, parts));
                }
            }
            n++;
        }
        return n + " allocations keep every part within one minor unit of its share";
    }

    static String order() {
        long[][] named = {{5}, {1, 2}, {2}, {1, 1, 1}, {100}, {1, 1, 1, 1, 1, 1}, {7}, {3, 3, 1}, {1000}, {1, 1, 1, 1, 1, 1},
                {10}, {3, 0, 3, 4}};
        int n = 0;
        for (int i = 0; i < named.length; i += 2) {
            long amount = named[i][0];
            long[] want = reference(amount, named[i + 1]);
            long[] got = actual(amount, EUR, named[i + 1]);
            if (!Arrays.equals(want, got)) {
                throw new Fail(show(amount, named[i + 1], got) + ", expected " + Arrays.toString(want));
            }
            n++;
        }
        for (long[][] c : matrix(913L, 600)) {
            long[] want = reference(c[0][0], c[1]);
            long[] got = actual(c[0][0], EUR, c[1]);
            if (!Arrays.equals(want, got)) {
                throw new Fail(show(c[0][0], c[1], got) + ", expected " + Arrays.toString(want));
            }
            n++;
        }
        return n + " allocations hand leftover units to the largest remainders, earlier first";
    }

    static String negative() {
        int n = 0;
        long[][] named = {{-10000}, {1, 1, 1}, {-5}, {1, 2}, {-1}, {1, 1}, {-100}, {1, 1, 1, 1, 1, 1}};
        List<long[][]> cases = new ArrayList<>();
        for (int i = 0; i < named.length; i += 2) {
            cases.add(new long[][] {named[i], named[i + 1]});
        }
        for (long[][] c : matrix(4242L, 300)) {
            cases.add(new long[][] {{-c[0][0]}, c[1]});
        }
        for (long[][] c : cases) {
            long amount = c[0][0];
            long[] want = reference(amount, c[1]);
            long[] got = actual(amount, EUR, c[1]);
            if (!Arrays.equals(want, got)) {
                throw new Fail(show(amount, c[1], got) + ", expected the mirror of the charge "
                        + Arrays.toString(want));
            }
            n++;
        }
        return n + " negative allocations mirror the positive one";
    }

    static String ratios() {
        long[] got = actual(1000, EUR, new long[] {0, 1, 0, 2});
        if (!Arrays.equals(reference(1000, new long[] {0, 1, 0, 2}), got)) {
            throw new Fail(show(1000, new long[] {0, 1, 0, 2}, got));
        }
        got = actual(7, EUR, new long[] {0, 5});
        if (!Arrays.equals(new long[] {0, 7}, got)) {
            throw new Fail(show(7, new long[] {0, 5}, got));
        }
        got = actual(0, EUR, new long[] {1, 2, 3});
        if (!Arrays.equals(new long[] {0, 0, 0}, got)) {
            throw new Fail(show(0, new long[] {1, 2, 3}, got));
        }
        Money m = Money.of("10.00", EUR);
        expectIllegal("allocate()", () -> m.allocate());
        expectIllegal("allocate(2, -1)", () -> m.allocate(2, -1));
        expectIllegal("allocate(0, 0, 0)", () -> m.allocate(0, 0, 0));
        expectIllegal("split(0)", () -> m.split(0));
        expectIllegal("split(-2)", () -> m.split(-2));
        return "zero ratios get zero; empty, negative and all-zero ratios are rejected";
    }

    static void expectIllegal(String what, Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException expected) {
            return;
        } catch (RuntimeException other) {
            throw new Fail(what + " threw " + other.getClass().getSimpleName() + " instead of IllegalArgumentException");
        }
        throw new Fail(what + " did not throw IllegalArgumentException");
    }

    static String large() {
        long[][] cases = {
            {Long.MAX_VALUE}, {1, 1},
            {(1L << 62) - 1}, {3, 7},
            {9_000_000_000_000_000_001L}, {1, 1, 1},
            {Long.MAX_VALUE}, {1_000_000_007L, 999_999_937L},
            {-9_000_000_000_000_000_001L}, {2, 3, 5},
            {123_456_789_012_345L}, {4_000_000_000L, 3, 1},
        };
        for (int i = 0; i < cases.length; i += 2) {
            long amount = cases[i][0];
            long[] want = reference(amount, cases[i + 1]);
            long[] got = actual(amount, EUR, cases[i + 1]);
            if (!Arrays.equals(want, got)) {
                throw new Fail(show(amount, cases[i + 1], got) + ", expected " + Arrays.toString(want));
            }
        }
        return (cases.length / 2) + " allocations near the long range are exact";
    }

    static String currencies() {
        List<Money> yen = Money.of("1000", CurrencyUnit.JPY).split(3);
        if (!yen.equals(List.of(Money.of("334", CurrencyUnit.JPY), Money.of("333", CurrencyUnit.JPY),
                Money.of("333", CurrencyUnit.JPY)))) {
            throw new Fail("JPY 1000 split(3) -> " + yen);
        }
        List<Money> fils = Money.of("10.000", CurrencyUnit.KWD).split(3);
        if (!fils.equals(List.of(Money.of("3.334", CurrencyUnit.KWD), Money.of("3.333", CurrencyUnit.KWD),
                Money.of("3.333", CurrencyUnit.KWD)))) {
            throw new Fail("KWD 10.000 split(3) -> " + fils);
        }
        long[] seven = {1, 1, 1, 1, 1, 1, 1};
        long[] got = actual(100, CurrencyUnit.JPY, seven);
        if (!Arrays.equals(reference(100, seven), got)) {
            throw new Fail("JPY " + show(100, seven, got));
        }
        return "JPY 1000/3 -> " + yen + "; KWD 10.000/3 -> " + fils;
    }

    static String invoice() {
        Invoice a = new Invoice("INV-3001", EUR, BigDecimal.ZERO)
                .add(new LineItem("Team lunch", Money.of("10.00", EUR), 1));
        Invoice b = new Invoice("INV-3002", EUR, new BigDecimal("0.21"))
                .add(new LineItem("Widget", Money.of("33.33", EUR), 3));
        Invoice c = new Invoice("INV-3003", CurrencyUnit.JPY, new BigDecimal("0.10"))
                .add(new LineItem("Ramen", Money.of("980", CurrencyUnit.JPY), 7));
        StringBuilder ev = new StringBuilder();
        for (Object[] spec : new Object[][] {{a, 6}, {b, 4}, {b, 7}, {c, 9}}) {
            Invoice inv = (Invoice) spec[0];
            int payers = (Integer) spec[1];
            List<Money> parts = inv.splitBetween(payers);
            long[] ones = new long[payers];
            Arrays.fill(ones, 1);
            long[] want = reference(inv.total().minorUnits(), ones);
            long[] got = parts.stream().mapToLong(Money::minorUnits).toArray();
            if (!Arrays.equals(want, got)) {
                throw new Fail(inv.number() + " total " + inv.total() + " between " + payers + " -> " + parts);
            }
            ev.append(inv.number()).append('/').append(payers).append(' ');
        }
        return "splitBetween adds up and matches: " + ev.toString().trim();
    }

    static String api() {
        Map<Class<?>, List<String>> expected = new LinkedHashMap<>();
        expected.put(Money.class, List.of(
                "static Money ofMinor(long,CurrencyUnit)", "static Money of(String,CurrencyUnit)",
                "static Money zero(CurrencyUnit)", "long minorUnits()", "CurrencyUnit currency()",
                "BigDecimal amount()", "boolean isZero()", "boolean isNegative()", "Money plus(Money)",
                "Money minus(Money)", "Money negate()", "Money times(BigDecimal,RoundingMode)",
                "List allocate(long[])", "List split(int)", "int compareTo(Money)", "boolean equals(Object)",
                "int hashCode()", "String toString()"));
        expected.put(CurrencyUnit.class, List.of("static CurrencyUnit of(String)", "String code()",
                "int minorDigits()", "new(String,int)"));
        expected.put(Invoice.class, List.of("new(String,CurrencyUnit,BigDecimal)", "String number()",
                "CurrencyUnit currency()", "Invoice add(LineItem)", "List lines()", "Money subtotal()", "Money tax()",
                "Money total()", "List splitBetween(int)"));
        expected.put(LineItem.class, List.of("new(String,Money,int)", "String description()", "Money unitPrice()",
                "int quantity()", "Money total()"));
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (Map.Entry<Class<?>, List<String>> e : expected.entrySet()) {
            Set<String> have = signatures(e.getKey());
            for (String sig : e.getValue()) {
                count++;
                if (!have.contains(sig)) {
                    missing.add(e.getKey().getSimpleName() + "." + sig);
                }
            }
            if (!Modifier.isPublic(e.getKey().getModifiers())) {
                missing.add(e.getKey().getSimpleName() + " is no longer public");
            }
        }
        if (!Modifier.isFinal(Money.class.getModifiers())) {
            missing.add("Money is no longer final");
        }
        if (!missing.isEmpty()) {
            throw new Fail("public API changed: " + missing);
        }
        return count + " public signatures unchanged";
    }

    static Set<String> signatures(Class<?> c) {
        Set<String> sigs = new HashSet<>();
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                sigs.add((Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getReturnType().getSimpleName()
                        + " " + m.getName() + "(" + params(m.getParameterTypes()) + ")");
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (Modifier.isPublic(k.getModifiers())) {
                sigs.add("new(" + params(k.getParameterTypes()) + ")");
            }
        }
        return sigs;
    }

    static String params(Class<?>[] types) {
        List<String> names = new ArrayList<>();
        for (Class<?> t : types) {
            names.add(t.getSimpleName());
        }
        return String.join(",", names);
    }

    /** Runs the repo's original test methods (compiled from verify/pristine) against the submitted code. */
    static String originalTests() throws Exception {
        int passed = 0;
        List<String> failed = new ArrayList<>();
        for (String cls : new String[] {"com.ledgerly.money.MoneyTest", "com.ledgerly.money.InvoiceTest"}) {
            Method[] methods = Class.forName(cls).getDeclaredMethods();
            Arrays.sort(methods, (x, y) -> x.getName().compareTo(y.getName()));
            for (Method m : methods) {
                if (!m.getName().startsWith("test") || !Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                m.setAccessible(true);
                try {
                    m.invoke(null);
                    passed++;
                } catch (java.lang.reflect.InvocationTargetException e) {
                    failed.add(m.getName() + ": " + e.getCause());
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new Fail(failed.size() + " original tests fail: " + failed);
        }
        return passed + " original tests pass against the submitted code";
    }
}
