"""Grader of agent-engine-design (lanebench): DESIGN.md and interface stubs for the tool-call engine.

The design is judged against the constraints that live in the repo's code and docs (audit log format
and write-ahead rule, closed set of record kinds, the retry rule in config.py, integer micros, the
cooperative cancellation contract, redaction, one audit writer), per failure mode F1-F6 and across the
document. A rule passes only when all its parts appear inside one entry or one paragraph/section, no
sentence contradicts it, and that entry is not a keyword list that satisfies most rules at once; an
alternative the design names only to turn it down ("Rejected: ...", a section of alternatives) neither
contradicts nor invents. Record kinds outside the closed set fail the vocabulary check. The other parts
the brief asks for (components, life of a run and a call, concurrency model, test plan) must each be there
with substance, and repeated sentences count once; a design with at most one of them is capped. The stubs are imported in a sandboxed driver and
cross-checked against this grader's own parse of their source; they must build on the existing classes
instead of redefining them. See design_rules.py.
"""
import ast
import json
import re
import secrets
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "_support"))
sys.path.insert(0, str(HERE))
import lanebench_verify as lv  # noqa: E402
import design_rules as dr  # noqa: E402

MAX_DESIGN_BYTES = 400_000
MAX_STUB_BYTES = 300_000
MIN_WORDS = 300          # counting each sentence once: pasted filler adds nothing
SOUP_CAP = 1.0
THIN_CAP = 2.0           # a design with at most one of the brief's other parts is a failure-mode list, not a design
MIN_DOC_WORDS = 4        # a docstring of fewer words ("Reserve.") names the method instead of its contract
SUITE_TESTS = 11
SUITE_CAP = 3.5

STUBS = {
    "executor": {"Engine": ["submit_run", "cancel_run", "status"], "RunHandle": []},
    "budget": {"BudgetLedger": ["reserve", "settle", "release"], "BudgetExceeded": []},
    "retry": {"RetryPolicy": ["decide"], "RetryDecision": []},
    "recovery": {"recover": None, "RecoveryReport": []},
}
REDEFINED = {"AuditLog", "AuditError", "CancelToken", "RetryRule", "ToolSpec", "Tool", "ToolContext", "ToolError",
             "ToolResult", "Micros", "BudgetDefaults"}
REASSIGNED = {"KINDS", "RETRY", "CANCEL_GRACE_S", "BUDGET"}
REUSE = {  # group -> (module suffix, names)
    "audit log": ("audit", {"AuditLog", "AuditError", "KINDS", "read_records", "verify_chain"}),
    "retry rule / config": ("config", {"RETRY", "RetryRule", "CANCEL_GRACE_S", "BUDGET", "BudgetDefaults"}),
    "cancellation": ("cancel", {"CancelToken"}),
    "money": ("money", {"Micros", "micros"}),
    "tool contract": ("base", {"Tool", "ToolSpec", "ToolError", "ToolContext", "ToolResult"}),
}


# ------------------------------------------------------------------ the document

def design_checks(g, text, problem):
    if text is None:
        g.check("DESIGN.md present with all six failure modes", False, problem, 0.25)
        for part in dr.PARTS:
            g.check(f"DESIGN.md has {part.title}", False, problem, 0.3)
        for rule in dr.FAILURE_RULES:
            g.check(rule.title, False, problem, 0.5)
        for rule in dr.CROSS_RULES:
            g.check(rule.title, False, problem, 0.3)
        return
    found = dr.entries(text)
    words = dr.distinct_words(text)
    missing = [r.key for r in dr.FAILURE_RULES if r.key not in found]
    g.check("DESIGN.md present with all six failure modes", not missing and words >= MIN_WORDS,
            f"{words} words (each sentence counted once); failure-mode entries found: {', '.join(sorted(found)) or 'none'}"
            + (f"; missing {', '.join(missing)}" if missing else ""), 0.25)
    absent = []
    for part in dr.PARTS:
        ok, evidence = dr.part_found(part, text)
        g.check(f"DESIGN.md has {part.title}", ok, evidence, 0.3)
        if not ok:
            absent.append(part.key)
    if len(absent) >= len(dr.PARTS) - 1:
        g.cap(THIN_CAP, f"DESIGN.md lacks what the brief asks for besides F1-F6 ({', '.join(absent)})")
    soup = 0
    for rule in dr.FAILURE_RULES:
        entry = found.get(rule.key)
        if entry is None:
            g.check(rule.title, False, f"no {rule.key} entry (a heading, list item or table row starting with {rule.key})", 0.5)
            continue
        ok, lacking = dr.satisfies(rule, entry)
        others = [r.key for r in dr.FAILURE_RULES if dr.satisfies(r, entry)[0]]
        hits = dr.contradictions(rule, entry)
        if len(others) >= dr.SOUP_F:
            soup += 1
            g.check(rule.title, False, f"{rule.key} entry reads as a keyword list: it satisfies {', '.join(others)} at once", 0.5)
        elif hits:
            g.check(rule.title, False, f"{rule.key} contradicts the repo: {hits[0]}", 0.5)
        else:
            g.check(rule.title, ok, "all parts present" if ok else f"{rule.key} lacks: {', '.join(lacking)}", 0.5)
    if soup >= dr.SOUP_CAP_ENTRIES:
        g.cap(SOUP_CAP, f"{soup} failure-mode entries are keyword lists")

    pieces = dr.units(text)
    for rule in dr.CROSS_RULES:
        good = [u for u in pieces if dr.satisfies(rule, u)[0] and not _soup_unit(u)]
        hits = dr.contradictions(rule, text)
        extra = ""
        ok = bool(good) and not hits
        if rule.key == "C2":
            invented = dr.invented_kinds(text)
            if invented:
                ok, extra = False, f"record kinds outside the closed set: {', '.join(invented[:4])}"
        if hits:
            evidence = f"contradicts the repo: {hits[0]}"
        elif extra:
            evidence = extra
        elif good:
            evidence = f"stated in: \"{lv.one_line(dr.plain(good[0]), 90)}\""
        elif any(dr.satisfies(rule, u)[0] for u in pieces):
            evidence = "stated only inside keyword-list paragraphs that satisfy nearly every rule at once"
        else:
            best = min(pieces, key=lambda u: len(dr.satisfies(rule, u)[1])) if pieces else ""
            evidence = f"no paragraph or section states it; closest lacks {', '.join(dr.satisfies(rule, best)[1])}"
        g.check(rule.title, ok, evidence, 0.3)


def _soup_unit(u: str) -> bool:
    f = sum(dr.satisfies(r, u)[0] for r in dr.FAILURE_RULES)
    c = sum(dr.satisfies(r, u)[0] for r in dr.CROSS_RULES)
    return f >= 3 and c >= 4


# ------------------------------------------------------------------ the stubs

def parse_engine(ws: Path):
    """{module name: ast.Module} for the .py files of toolrun/engine/, and problems met reading them."""
    trees, problems = {}, []
    folder = ws / "toolrun" / "engine"
    if not folder.is_dir() or folder.is_symlink():
        return trees, ["toolrun/engine/ is missing"]
    for p in sorted(folder.glob("*.py"))[:50]:
        text, problem = lv.read_text(p, MAX_STUB_BYTES)
        if text is None:
            problems.append(problem)
            continue
        try:
            trees[p.stem] = ast.parse(text)
        except (SyntaxError, ValueError) as e:
            problems.append(f"{p.name}: does not parse: {e}")
    return trees, problems


def _classes(trees):
    out = {}
    for mod, tree in trees.items():
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                out.setdefault(node.name, node)
    return out


def _top_defs(tree):
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def run_stub_driver(ws: Path):
    nonce = secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="lb-design-") as tmp:
        code, out, err = lv.run([sys.executable, "-I", "-S", str(HERE / "stubs_driver.py"), str(ws)], cwd=Path(tmp),
                                timeout=20, stdin=nonce + "\n")
    reports = [line[len(nonce) + 7:] for line in out.splitlines() if line.startswith(nonce + " STUBS ")]
    ends = [line for line in out.splitlines() if line == nonce + " END"]
    if len(reports) != 1 or len(ends) != 1:
        why = "driver timed out" if code is None else \
            f"driver output refused: {len(reports)} report lines, {len(ends)} end lines (exit {code}): {lv.one_line(err[-200:], 120)}"
        return None, why
    try:
        report = json.loads(reports[0])
    except ValueError:
        return None, "driver report is not JSON"
    return (report if isinstance(report, dict) else None), "driver report malformed"


def stub_checks(g, ws: Path):
    trees, problems = parse_engine(ws)
    classes = _classes(trees)
    # 1. imports and exposes the agreed names: the driver's claim, confirmed against the source
    report, why = run_stub_driver(ws) if trees else (None, "; ".join(problems) or "no stubs")
    misses = []
    for mod, names in STUBS.items():
        full = f"toolrun.engine.{mod}"
        entry = report.get(full) if isinstance(report, dict) else None
        if not isinstance(entry, dict):
            misses.append(f"{full}: {why}")
            continue
        if entry.get("import") != "ok":
            misses.append(f"{full} does not import: {entry.get('import')}")
            continue
        tree = trees.get(mod)
        defined = _top_defs(tree) if tree else set()
        for name, methods in names.items():
            seen = (entry.get("names") or {}).get(name) or {}
            want = "function" if methods is None else "class"
            if seen.get("kind") != want or name not in defined:
                misses.append(f"{full}.{name}: {seen.get('kind', 'missing')}" + ("" if name in defined else " (not in the source)"))
                continue
            if methods:
                node = classes.get(name)
                in_source = {n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))} if node else set()
                lacking = [m for m in methods if m not in (seen.get("methods") or []) or m not in in_source]
                if lacking:
                    misses.append(f"{name} lacks {', '.join(lacking)}")
            if name == "BudgetExceeded" and not seen.get("exception"):
                misses.append("BudgetExceeded is not an exception")
    g.check("stubs import and expose the agreed interfaces", not misses,
            "executor, budget, retry, recovery import; every agreed name and method present" if not misses
            else "; ".join(misses[:3]), 0.5)

    # 2. built on the existing code, not beside it
    redefined, reassigned, used = [], [], set()
    for mod, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in REDEFINED:
                redefined.append(f"{mod}.py defines its own {node.name}")
            elif isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Name) and t.id in REASSIGNED and isinstance(node, ast.Assign) \
                            and tree is not None and node in tree.body:
                        reassigned.append(f"{mod}.py sets its own {t.id}")
            elif isinstance(node, ast.ImportFrom):
                source = (node.module or "").split(".")[-1]
                names = {a.name for a in node.names}
                for group, (suffix, wanted) in REUSE.items():
                    if source == suffix and names & wanted:
                        used.add(group)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    for group, (suffix, _) in REUSE.items():
                        if a.name.startswith("toolrun.") and a.name.split(".")[-1] == suffix:
                            used.add(group)
    lacking = [grp for grp in REUSE if grp not in used]
    ok = trees and not redefined and not reassigned and len(lacking) <= 1
    g.check("stubs build on the existing audit log, retry rule, cancellation, money and tool contract", bool(ok),
            "; ".join(redefined[:2] + reassigned[:2]) if redefined or reassigned
            else (f"reuses {', '.join(sorted(used)) or 'nothing'}" + (f"; not used: {', '.join(lacking)}" if lacking else "")),
            0.5)

    # 3. documented, and money typed as integers
    documented, total, money_problems = 0, 0, []
    for mod, names in STUBS.items():
        tree = trees.get(mod)
        if tree is None:
            continue
        nodes = {n.name: n for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
        for name, methods in names.items():
            node = nodes.get(name)
            targets = [node] if node else []
            if node is not None and isinstance(node, ast.ClassDef) and methods:
                targets += [n for n in node.body if isinstance(n, ast.FunctionDef) and n.name in methods]
            total += len(targets) if node else 1 + len(methods or [])
            documented += sum(1 for n in targets if len((ast.get_docstring(n) or "").split()) >= MIN_DOC_WORDS)
    ledger = classes.get("BudgetLedger")
    if ledger is not None:
        for fn in (n for n in ledger.body if isinstance(n, ast.FunctionDef)):
            for arg in fn.args.args + fn.args.kwonlyargs:
                ann = ast.unparse(arg.annotation) if arg.annotation is not None else ""
                if re.search(r"\bfloat\b|Decimal", ann):
                    money_problems.append(f"BudgetLedger.{fn.name}({arg.arg}: {ann})")
        reserve = next((n for n in ledger.body if isinstance(n, ast.FunctionDef) and n.name == "reserve"), None)
        anns = [ast.unparse(a.annotation) for a in reserve.args.args if a.annotation is not None] if reserve else []
        if not any(re.search(r"Micros|\bint\b", a) for a in anns):
            money_problems.append("BudgetLedger.reserve takes no amount typed as Micros/int")
    else:
        money_problems.append("no BudgetLedger")
    ratio = documented / total if total else 0.0
    g.check("stubs are documented and type money as integer micros", ratio >= 0.8 and not money_problems,
            f"{documented}/{total} agreed classes and methods have docstrings that say more than a word or two"
            + (f"; {money_problems[0]}" if money_problems else ""), 0.25)


# ------------------------------------------------------------------ the existing code

def untouched_check(g, ws: Path):
    given = HERE / "given" / "toolrun"
    changed = []
    for p in sorted(given.rglob("*.py")):
        rel = p.relative_to(given)
        if lv.sha256(ws / "toolrun" / rel) != lv.sha256(p):
            changed.append("toolrun/" + str(rel))
    g.check("existing modules unchanged (the engine is designed around them)", not changed,
            "toolrun/*.py and toolrun/tools/*.py as shipped" if not changed else f"changed: {', '.join(changed[:4])}", 0.25)


def main():
    ws = lv.workspace()
    g = lv.Grader()
    text, problem = lv.read_text(lv.find_in_root(ws, "DESIGN.md"), MAX_DESIGN_BYTES)
    design_checks(g, text, problem)
    stub_checks(g, ws)
    untouched_check(g, ws)
    lv.suite_gate(g, ws, HERE / "given", ["tests"], SUITE_TESTS, SUITE_CAP, timeout=15)
    g.finish()


if __name__ == "__main__":
    main()
