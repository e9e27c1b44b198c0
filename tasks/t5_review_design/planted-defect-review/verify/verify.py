"""Grader for planted-defect-review: matches the findings of REVIEW.md against seven planted defects.

A defect counts as found when one finding cites its file and a line within its range (± 3) and names
the problem (any of a few synonyms). Findings that cite a place where nothing is planted are noise;
noise that outweighs the real findings fails the precision check, and a review that is mostly noise
(a finding on every function, every line) is capped. See review_findings.py for the parsing rules.
"""
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import lanebench_verify as lv  # noqa: E402
from review_findings import Defect, grade  # noqa: E402

MAX_BYTES = 200_000
NOISE_CAP = 1.5

DEFECTS = [
    Defect("sqli", "SQL injection in db.search_invoices", [("db.py", 66, 71)],
           [[r"inject", r"parameteri[sz]", r"placeholder", r"bind(ing)? (param|variable|value)", r"interpolat",
             r"string (format|concat|build)", r"f-?string", r"unescaped", r"unsanitized", r"escap",
             r"untrusted input", r"user input (is |goes )?(directly |straight )?into"]]),
    Defect("authz", "missing ownership check in handlers.delete_invoice", [("handlers.py", 75, 81)],
           [[r"authori[sz]", r"authz", r"access control", r"\bidor\b", r"insecure direct", r"owner",
             r"(another|other|any|foreign|different|arbitrary) (user|account|tenant|customer)'?s?",
             r"cross[- ](tenant|account)", r"permission", r"belong", r"account_id", r"privilege"]]),
    Defect("race", "check-then-act race when redeeming credit", [("db.py", 99, 105), ("handlers.py", 90, 96)],
           [[r"\brac(e|y|ing)\b", r"toctou", r"check[- ](then|and)[- ](act|update|set|write|use|debit)",
             r"time[- ]of[- ]check", r"concurren", r"atomic", r"\block", r"double[- ]?(spend|charg|pay|redeem)",
             r"lost update", r"transaction", r"simultaneous", r"parallel", r"interleav", r"thread"]]),
    Defect("leak", "file handle leaked in export.write_csv", [("export.py", 24, 31)],
           [[r"leak", r"not (be )?closed", r"never (gets |be )?closed", r"(isn'?t|is not|aren'?t) closed",
             r"unclosed", r"without (being )?clos", r"close\(\)", r"(doesn'?t|does not|never|not) close",
             r"context manager", r"with open", r"with[- ]statement", r"file (handle|descriptor|object)",
             r"\bfds?\b", r"open file", r"left open", r"stays open", r"remains open"]]),
    Defect("swallow", "create_invoice swallows the database failure and reports success",
           [("handlers.py", 69, 73)],
           [[r"swallow", r"silen", r"ignor", r"suppress", r"hid(e|es|den|ing)\b", r"except exception",
             r"bare except", r"broad except", r"catch(es|ing)?[- ]all", r"(report|return|respond)s? (a )?(success|201|created)",
             r"false (success|positive)", r"\bmask", r"log\.debug", r"debug level", r"lost (error|failure|exception)",
             r"(id|invoice_id)\W+(is |=\s*|of |as )?[`'\"]?(none|null)", r"even (when|if|though)"]]),
    Defect("offbyone", "page_count floors, so a partial last page is never reached", [("paging.py", 14, 20)],
           [[r"off[- ]by[- ]one", r"ceil", r"floor", r"integer division", r"//", r"round(s|ed|ing)? down",
             r"last (partial )?page", r"partial page", r"remainder", r"truncat", r"too few pages",
             r"(final|trailing) page", r"never (reached|returned|fetched|shown)", r"\bmiss(es|ing)? (the )?(last|final)"]]),
    Defect("secretlog", "secrets written to the log with the settings repr", [("config.py", 36, 37)],
           [[r"secret", r"api[_ ]?key", r"credential", r"password", r"signing[_ ]?key", r"sensitive", r"token"],
            [r"\blog", r"repr", r"print", r"redact", r"mask", r"expos", r"leak", r"written", r"output"]]),
]

# Real but unplanted observations a careful reviewer may make; citing them is not noise.
NEUTRAL = [("config.py", 18, 19), ("db.py", 35, 38), ("db.py", 55, 57), ("export.py", 15, 17), ("auth.py", 15, 23)]


def find_review(ws: Path):
    exact = ws / "REVIEW.md"
    if exact.is_file():
        return exact
    for p in ws.iterdir():
        if p.is_file() and p.name.lower() == "review.md":
            return p
    return exact if exact.exists() else None


def main():
    ws = lv.workspace()
    g = lv.Grader()
    path = find_review(ws)
    if path is None:
        for d in DEFECTS:
            g.check(f"finds {d.title}", False, "no REVIEW.md in the workspace root")
        g.check("findings are precise (noise does not outweigh signal)", False, "no REVIEW.md")
        g.finish("no REVIEW.md")
    text, why = lv.read_text(path, MAX_BYTES)
    if text is None:
        for d in DEFECTS:
            g.check(f"finds {d.title}", False, f"REVIEW.md unreadable: {why}")
        g.check("findings are precise (noise does not outweigh signal)", False, "no readable REVIEW.md")
        g.finish("REVIEW.md unreadable")
    try:
        result = grade(text, DEFECTS, NEUTRAL)
    except Exception as e:  # a review the parser chokes on fails, it does not crash the grader
        for d in DEFECTS:
            g.check(f"finds {d.title}", False, f"review unreadable: {type(e).__name__}: {e}")
        g.finish("REVIEW.md could not be parsed")
    for d in DEFECTS:
        if d.id in result.credited:
            g.check(f"finds {d.title}", True, f"matched: {result.credited[d.id]}")
        else:
            g.check(f"finds {d.title}", False, result.near_misses.get(d.id, "no finding at this place"))
    found, noise = len(result.credited), len(result.noise)
    sample = f"; e.g. {result.noise[0]}" if result.noise else ""
    g.check("findings are precise (noise does not outweigh signal)", found >= 1 and noise <= found + 2,
            f"{found} defects found, {noise} findings point at no defect{sample}")
    if noise > 2 * found + 4:
        g.cap(NOISE_CAP, f"noise dominates: {noise} off-target findings against {found} real ones")
    g.finish(f"{found}/{len(DEFECTS)} planted defects found; {result.located} located findings, {noise} noise"
             + (f", {result.checklists} checklist-style" if result.checklists else ""))


if __name__ == "__main__":
    main()
