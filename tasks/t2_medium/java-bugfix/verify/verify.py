"""Grader of the java-bugfix task (lanebench): money allocation that loses or invents minor units.

Copies the workspace's main sources and the observation driver (hidden/lanebench/hidden/Probe.java) into a
scratch folder, compiles them with javac and runs the driver with java: it reports what every operation
returned. The expected allocations are computed here (largest remainder, ties to the earlier part, sign
mirrored) with Python's exact integers, so code that prints results from inside the JVM gains nothing. The
public API is read from the compiled class files, and the repo's original tests are replayed as
operations with their expected values, so neither depends on anything the submitted code says about itself.
The given tests in the workspace must be kept rather than weakened.
"""
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent
TEST_DIR = Path("src/test/java/com/ledgerly/money")
SOURCE_LIMIT = 1_000_000  # a main source file larger than this is not compiled

CHECKS = {  # key -> (title, weight)
    "example": ("instruction example: EUR 100.00 split three ways keeps every cent", 0.5),
    "sums": ("parts always add up to the amount (600+ fixed-seed cases)", 0.75),
    "bound": ("every part within one minor unit of its exact share", 0.75),
    "order": ("leftover units go to the largest remainders, earlier part first", 1.5),
    "negative": ("negative amounts mirror the positive allocation", 1.0),
    "ratios": ("zero ratios get zero; bad ratios still rejected", 0.5),
    "large": ("exact for amounts near the long range (no double, no overflow)", 0.5),
    "currencies": ("JPY (0 digits) and KWD (3 digits) split correctly", 0.5),
    "invoice": ("Invoice.splitBetween adds up to the total", 0.75),
    "original-tests": ("the repo's original tests' expectations hold for the code", 0.25),
}
IAE = {"error": "IllegalArgumentException"}


# ---- the reference ------------------------------------------------------------------------------------

def reference(amount: int, ratios: list) -> list:
    """Largest-remainder allocation of |amount| over ratios, ties to the earlier part, sign mirrored."""
    magnitude, total = abs(amount), sum(ratios)
    floors = [magnitude * r // total for r in ratios]
    remainders = [magnitude * r % total for r in ratios]
    for i in sorted(range(len(ratios)), key=lambda i: (-remainders[i], i))[:magnitude - sum(floors)]:
        floors[i] += 1
    return [-f if amount < 0 else f for f in floors]


def matrix(seed: int, size: int) -> list:
    """(amount, ratios) cases of many magnitudes, biased towards uneven splits."""
    rnd = random.Random(seed)
    scales = [10, 100, 10_000, 1_000_000, 10_000_000_000]
    cases = []
    for c in range(size):
        amount = 1 + int(rnd.random() * scales[c % len(scales)])
        n = 2 + rnd.randrange(8)
        ratios = [1] * n if rnd.randrange(3) == 0 else [rnd.randrange(12) for _ in range(n)]
        if sum(ratios) == 0:
            ratios[-1] = 1
        cases.append((amount, ratios))
    return cases


class Plan:
    """Operations for the driver, grouped by check, each with a judge of what comes back."""

    def __init__(self):
        self.ops, self.judges = [], {key: [] for key in CHECKS}

    def add(self, check: str, op: str, judge, what: str):
        """judge(result) -> bool; what names the call in evidence."""
        self.judges[check].append((len(self.ops), judge, what))
        self.ops.append(op)

    def alloc(self, check: str, amount: int, ratios: list, judge=None, currency: str = "EUR"):
        want = reference(amount, ratios) if judge is None and sum(ratios) > 0 else None
        op = f"alloc {amount} {currency} {','.join(map(str, ratios)) or '-'}"
        self.add(check, op, judge or (lambda r, w=want: r == w), f"{op} (want {want})" if want else op)

    def verdicts(self, results: list) -> dict:
        out = {}
        for key, judges in self.judges.items():
            bad = []
            for at, judge, what in judges:
                got = results[at] if at < len(results) else {"error": "no result"}
                try:
                    ok = judge(got)
                except Exception:  # a result of the wrong shape is a wrong result
                    ok = False
                if not ok:
                    bad.append(f"{what} -> {got}")
            out[key] = (not bad, f"{len(judges)} calls as specified" if not bad
                        else f"{len(bad)}/{len(judges)} wrong, e.g. {bad[0]}")
        return out


def adds_up(amount: int, n: int):
    return lambda r: isinstance(r, list) and len(r) == n and sum(r) == amount


def within_one_unit(amount: int, ratios: list):
    total = sum(ratios)
    return lambda r: isinstance(r, list) and len(r) == len(ratios) and all(
        abs(p * total - amount * q) < total for p, q in zip(r, ratios))


def plan() -> Plan:
    p = Plan()
    p.add("example", "split 100.00 EUR 3", lambda r: r == [3334, 3333, 3333], "EUR 100.00 split(3)")
    for amount, ratios in matrix(20240611, 600):
        p.alloc("sums", amount, ratios, adds_up(amount, len(ratios)))
    for k in range(2, 13):
        for amount in (1, 5, 7, 100, 1000, 9999):
            p.alloc("sums", amount, [1] * k, adds_up(amount, k))
    for amount, ratios in matrix(77003, 600):
        p.alloc("bound", amount, ratios, within_one_unit(amount, ratios))
    for amount, ratios in [(5, [1, 2]), (2, [1, 1, 1]), (100, [1] * 6), (7, [3, 3, 1]), (1000, [1] * 6),
                           (10, [3, 0, 3, 4])] + matrix(913, 600):
        p.alloc("order", amount, ratios)
    for amount, ratios in [(-10000, [1, 1, 1]), (-5, [1, 2]), (-1, [1, 1]), (-100, [1] * 6)] + \
            [(-a, r) for a, r in matrix(4242, 300)]:
        p.alloc("negative", amount, ratios)
    p.alloc("ratios", 1000, [0, 1, 0, 2])
    p.alloc("ratios", 7, [0, 5])
    p.alloc("ratios", 0, [1, 2, 3], lambda r: r == [0, 0, 0])
    for ratios in ([], [2, -1], [0, 0, 0]):
        p.alloc("ratios", 1000, ratios, lambda r: r == IAE)
    for n in (0, -2):
        p.add("ratios", f"split 10.00 EUR {n}", lambda r: r == IAE, f"split({n})")
    for amount, ratios in [(2**63 - 1, [1, 1]), ((1 << 62) - 1, [3, 7]), (9_000_000_000_000_000_001, [1, 1, 1]),
                           (2**63 - 1, [1_000_000_007, 999_999_937]), (-9_000_000_000_000_000_001, [2, 3, 5]),
                           (123_456_789_012_345, [4_000_000_000, 3, 1])]:
        p.alloc("large", amount, ratios)
    p.add("currencies", "split 1000 JPY 3", lambda r: r == [334, 333, 333], "JPY 1000 split(3)")
    p.add("currencies", "split 10.000 KWD 3", lambda r: r == [3334, 3333, 3333], "KWD 10.000 split(3)")
    p.alloc("currencies", 100, [1] * 7, currency="JPY")
    for cur, tax, lines, total, payers in [("EUR", "0", "Team lunch|10.00|1", 1000, 6),
                                           ("EUR", "0.21", "Widget|33.33|3", 12099, 4),
                                           ("EUR", "0.21", "Widget|33.33|3", 12099, 7),
                                           ("JPY", "0.10", "Ramen|980|7", 7546, 9)]:
        p.add("invoice", f"invoice {cur} {tax} {payers} {lines}",
              lambda r, t=total, n=payers: r[3] == t and r[4] == reference(t, [1] * n),
              f"{lines} +{tax} tax between {payers} (want {reference(total, [1] * payers)})")
    original_tests(p)
    return p


def original_tests(p: Plan):
    """The assertions of the repo's MoneyTest and InvoiceTest, as operations with their expected values."""
    def same(want):
        return lambda r: r == want

    t = "original-tests"
    for decimal, cur, want in [("19.99", "EUR", ["EUR 19.99", 1999]), ("5", "EUR", ["EUR 5.00", 500]),
                               ("500", "JPY", ["JPY 500", 500]), ("-1.25", "KWD", ["KWD -1.250", -1250])]:
        p.add(t, f"of {decimal} {cur}", same(want), f"Money.of({decimal}, {cur})")
    for decimal, cur in [("1.999", "EUR"), ("1.5", "JPY"), ("abc", "EUR")]:
        p.add(t, f"of {decimal} {cur}", same(IAE), f"Money.of({decimal}, {cur}) must be rejected")
    p.add(t, "plus 10.50 0.75 EUR", same("EUR 11.25"), "10.50 + 0.75")
    p.add(t, "minus 10.50 0.75 EUR", same("EUR 9.75"), "10.50 - 0.75")
    p.add(t, "negate 10.50 EUR", same("EUR -10.50"), "-(10.50)")
    p.add(t, "cmp 10.50 0.75 EUR", same(1), "10.50 > 0.75")
    p.add(t, "mix 1 EUR 1 JPY", same(IAE), "EUR 1 + JPY 1 must be rejected")
    p.add(t, "times 10.05 EUR 0.5 HALF_EVEN", same("EUR 5.02"), "10.05 x 0.5 half-even")
    p.add(t, "times 10.05 EUR 0.5 HALF_UP", same("EUR 5.03"), "10.05 x 0.5 half-up")
    p.alloc(t, 10000, [1, 3], same([2500, 7500]))
    p.add(t, "split 9.00 EUR 3", same([300, 300, 300]), "EUR 9.00 split(3)")
    for ratios in ([], [1, -1], [0, 0]):
        p.alloc(t, 1000, ratios, same(IAE))
    p.add(t, "split 10.00 EUR 0", same(IAE), "split(0)")
    sample = "Consulting hour|80.00|1;Travel|10.00|2"
    p.add(t, f"invoice EUR 0.21 2 {sample}", same(["EUR 100.00", "EUR 21.00", "EUR 121.00", 12100, [6050, 6050]]),
          "INV-1001 totals and split between two")
    p.add(t, "invoice EUR 0.05 0 Sticker|0.50|1", lambda r: r[1] == "EUR 0.02", "tax rounds half-even")
    p.add(t, "invoice EUR 0 0 Import|100|1|JPY", same(IAE), "a JPY line on a EUR invoice must be rejected")


# ---- the API, from the compiled classes ---------------------------------------------------------------

API = {
    "Money": ["static Money ofMinor(long,CurrencyUnit)", "static Money of(String,CurrencyUnit)",
              "static Money zero(CurrencyUnit)", "long minorUnits()", "CurrencyUnit currency()",
              "BigDecimal amount()", "boolean isZero()", "boolean isNegative()", "Money plus(Money)",
              "Money minus(Money)", "Money negate()", "Money times(BigDecimal,RoundingMode)",
              "List allocate(long[])", "List split(int)", "int compareTo(Money)", "boolean equals(Object)",
              "int hashCode()", "String toString()"],
    "CurrencyUnit": ["static CurrencyUnit of(String)", "String code()", "int minorDigits()", "new(String,int)"],
    "Invoice": ["new(String,CurrencyUnit,BigDecimal)", "String number()", "CurrencyUnit currency()",
                "Invoice add(LineItem)", "List lines()", "Money subtotal()", "Money tax()", "Money total()",
                "List splitBetween(int)"],
    "LineItem": ["new(String,Money,int)", "String description()", "Money unitPrice()", "int quantity()",
                 "Money total()"],
}
_PRIMITIVES = {"B": "byte", "C": "char", "D": "double", "F": "float", "I": "int", "J": "long", "S": "short",
               "Z": "boolean", "V": "void"}


def _types(descriptor: str) -> list:
    """Simple type names of a JVM descriptor's parts: "(J[JLx/Money;)V" -> ["long", "long[]", "Money", "void"]."""
    out, i, dims = [], 0, 0
    while i < len(descriptor):
        c = descriptor[i]
        if c == "[":
            dims += 1
        elif c == "L":
            end = descriptor.index(";", i)
            out.append(descriptor[i + 1:end].rsplit("/", 1)[-1] + "[]" * dims)
            i, dims = end, 0
        elif c in _PRIMITIVES:
            out.append(_PRIMITIVES[c] + "[]" * dims)
            dims = 0
        i += 1
    return out


def class_signatures(data: bytes) -> tuple:
    """(class access flags, {signature}) of the public, non-synthetic methods of a compiled class.

    Reads the class file itself (constant pool, then fields and methods), so the API check needs no JVM and
    nothing the compiled code would say about itself.
    """
    count = int.from_bytes(data[8:10], "big")
    utf8, i, pos = {}, 1, 10
    sizes = {3: 4, 4: 4, 5: 8, 6: 8, 7: 2, 8: 2, 9: 4, 10: 4, 11: 4, 12: 4, 15: 3, 16: 2, 17: 4, 18: 4, 19: 2, 20: 2}
    while i < count:
        tag = data[pos]
        if tag == 1:
            length = int.from_bytes(data[pos + 1:pos + 3], "big")
            utf8[i] = data[pos + 3:pos + 3 + length].decode("utf-8", "replace")
            pos += 3 + length
        else:
            pos += 1 + sizes[tag]
        i += 2 if tag in (5, 6) else 1
    flags = int.from_bytes(data[pos:pos + 2], "big")
    pos += 6
    pos += 2 + 2 * int.from_bytes(data[pos:pos + 2], "big")  # interfaces
    sigs = set()
    for methods in (False, True):  # the fields, then the methods
        n = int.from_bytes(data[pos:pos + 2], "big")
        pos += 2
        for _ in range(n):
            access = int.from_bytes(data[pos:pos + 2], "big")
            name = utf8.get(int.from_bytes(data[pos + 2:pos + 4], "big"), "")
            desc = utf8.get(int.from_bytes(data[pos + 4:pos + 6], "big"), "")
            attributes = int.from_bytes(data[pos + 6:pos + 8], "big")
            pos += 8
            for _ in range(attributes):
                pos += 6 + int.from_bytes(data[pos + 2:pos + 6], "big")
            if methods and access & 0x0001 and not access & 0x1040:  # public, neither synthetic nor bridge
                *params, ret = _types(desc)
                args = ",".join(params)
                sigs.add(f"new({args})" if name == "<init>" else
                         ("static " if access & 0x0008 else "") + f"{ret} {name}({args})")
    return flags, sigs


def api_check(classes: Path) -> tuple:
    missing = []
    for cls, sigs in API.items():
        try:
            flags, have = class_signatures((classes / "com" / "ledgerly" / "money" / f"{cls}.class").read_bytes())
        except (OSError, KeyError, IndexError, ValueError) as e:
            missing.append(f"{cls}: no readable class ({type(e).__name__})")
            continue
        if not flags & 0x0001:
            missing.append(f"{cls} is not public")
        if cls == "Money" and not flags & 0x0010:
            missing.append("Money is no longer final")
        missing += [f"{cls}.{s}" for s in sigs if s not in have]
    return not missing, ("public API changed: " + ", ".join(missing[:5])) if missing else \
        f"{sum(len(s) for s in API.values())} public signatures unchanged"


# ---- the given tests ----------------------------------------------------------------------------------

def java_members(text: str) -> list:
    """The method blocks of a Java file (signature through matching brace), for presence checks."""
    members = []
    for m in re.finditer(r"(?m)^\s*(?:private\s+|public\s+)?static\s+\w+(?:<[^>]*>)?\s+\w+\([^)]*\)\s*\{", text):
        depth, i = 0, m.end() - 1
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    members.append(text[m.start():i + 1])
                    break
            i += 1
    return members


def squash(text: str) -> str:
    return "".join(text.split())


def given_tests_intact(ws: Path):
    """Every original test method and assertion helper must still be there, word for word."""
    problems = []
    for name in ("MoneyTest.java", "InvoiceTest.java", "Check.java"):
        text, why = lv.read_text(ws / TEST_DIR / name)
        if text is None:
            problems.append(f"{name}: {why}")
            continue
        have = squash(text)
        for member in java_members((HERE / "pristine" / name).read_text(encoding="utf-8")):
            if squash(member) not in have:
                head = member.split("(")[0].split()[-1]
                problems.append(f"{name}:{head} changed or removed")
    runner, _ = lv.read_text(ws / TEST_DIR / "TestRunner.java")
    text = squash(runner or "")
    for needle in ("MoneyTest.class", "InvoiceTest.class", "System.exit(failed==0?0:1)"):
        if needle not in text:
            problems.append(f"TestRunner.java no longer has {needle}")
    return not problems, problems


# ---- grading ------------------------------------------------------------------------------------------

def first_error(javac_output: str) -> str:
    for line in javac_output.splitlines():
        if "error:" in line:
            return line.split("/src/main/java/")[-1].split("/probe/")[-1]
    return javac_output.strip()[:200] or "javac failed"


def main():
    g = lv.Grader()
    ws = lv.workspace()
    tmp = Path(tempfile.mkdtemp(prefix="lb-javabug-"))
    try:
        grade(g, ws, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    g.finish()


def grade(g, ws: Path, tmp: Path):
    src = tmp / "src"
    left_out = lv.copy_tree(ws / "src" / "main" / "java", src, limit=SOURCE_LIMIT)
    sources = sorted(str(p) for p in src.rglob("*.java") if p.is_file())
    shutil.copytree(HERE / "hidden", tmp / "probe")
    classes = tmp / "classes"
    classes.mkdir()
    note = ""
    if not sources:
        note = "no main sources" + (f" (left out: {', '.join(left_out[:3])})" if left_out else "")
        g.check("sources compile", False, note, 0.25)
    else:
        # C1 only and the serial GC: javac finishes sooner on a busy machine; -proc:none: no annotation
        # processor of the workspace runs at compile time.
        code, so, se = lv.run(["javac", "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-proc:none", "-nowarn",
                               "-encoding", "UTF-8", "-d", str(classes)] + sources
                              + [str(p) for p in (tmp / "probe").rglob("*.java")], cwd=tmp, timeout=40)
        compiled = code == 0
        note = "" if compiled else "sources do not compile with the probe (public API changed?): " + first_error(se or so)
        g.check("sources compile", compiled, f"{len(sources)} main sources compile" if compiled else note, 0.25)
    p = plan()
    results = []
    if not note:
        record, problem = lv.run_driver(["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m", "-cp",
                                         str(classes), "lanebench.hidden.Probe"], tmp, "\n".join(p.ops) + "\n",
                                        timeout=25)
        results = record.get("results") if record else None
        if not isinstance(results, list):
            results, note = [], problem or "driver record has no results"
    verdicts = p.verdicts(results) if not note else {}
    for key, (title, weight) in CHECKS.items():
        passed, evidence = verdicts.get(key, (False, note))
        g.check(title, passed, evidence, weight)
    if note:
        g.check("public API unchanged", False, note, 0.25)
    else:
        g.attempt("public API unchanged", lambda: api_check(classes), 0.25)

    intact, problems = given_tests_intact(ws)
    g.check("given tests kept (original test methods and helpers unchanged)", intact,
            "all original test methods present" if intact else "; ".join(problems[:4]), 0.25)
    if not intact:
        g.cap(3.5, "the given tests were edited or removed")


if __name__ == "__main__":
    main()
