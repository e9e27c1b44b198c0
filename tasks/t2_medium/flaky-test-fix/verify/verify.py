"""Grades flaky-test-fix: the causes of the flaky tests fixed in the code, tests left alone.

The shipped tests (pristine copies from pristine/tests, whatever the workspace did to its own)
are run by suite_driver.py in many controlled conditions: a fake clock started just before a
year-end midnight (which is also a window boundary), several PYTHONHASHSEED values, reversed
and shuffled orders. Hidden tests pin the documented behaviour (now= injection, ordering,
cache safety). Edited/skipped/deleted shipped tests and added sleeps cap the score.
"""
import ast
import json
import re
import secrets
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

sys.dont_write_bytecode = True  # keep the task folder unchanged by grading
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent
PRISTINE_TESTS = HERE / "pristine" / "tests"
HIDDEN_TESTS = HERE / "hidden_tests"

STEP_S = 0.001
MIDNIGHT = datetime(2025, 1, 1)  # year, day and five-minute window boundary at once
CALM = "2024-06-15T12:02:30.250000"  # far from any boundary a test could straddle


def _before_midnight(k: int) -> str:
    # Offsets of 0.5, 1.5, 2.5, 3.5 steps: whichever clock read of a test lands on the
    # boundary, one of these runs puts a code path's consecutive reads on both sides of it.
    return (MIDNIGHT - timedelta(seconds=(k + 0.5) * STEP_S)).isoformat()


# (name, tests, clock start, order, PYTHONHASHSEED)
CLOCK_RUNS = [(f"midnight-{k}", "shipped", _before_midnight(k), "default", "0") for k in range(4)]
HASH_RUNS = [(f"hashseed-{s}", "shipped", CALM, "default", str(s)) for s in range(1, 9)]
ORDER_RUNS = ([("reverse", "shipped", CALM, "reverse", "0")]
              + [(f"shuffle-{s}", "shipped", CALM, f"shuffle:{s}", "0") for s in range(1, 6)])
HIDDEN_RUNS = [(f"hidden-seed-{s}", "hidden", CALM, "default", str(s)) for s in (1, 2)]

SKIP_MARK = re.compile(r"\bskip(If|Unless|Test)?\b|SkipTest|expectedFailure")
SLEEP_CALL = re.compile(r"\bsleep\s*\(")


def shipped_test_ids() -> dict:
    """{module: [test ids]} of the pristine shipped tests, as unittest discovery names them."""
    ids = {}
    for path in sorted(PRISTINE_TESTS.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        ids[path.stem] = [f"{path.stem}.{cls.name}.{fn.name}"
                          for cls in tree.body if isinstance(cls, ast.ClassDef)
                          for fn in cls.body if isinstance(fn, ast.FunctionDef) and fn.name.startswith("test")]
    return ids


def run_condition(ws: Path, run: tuple) -> dict:
    name, tests, clock, order, seed = run
    nonce = secrets.token_hex(16)
    request = {"nonce": nonce, "workspace": str(ws), "clock_start": clock, "clock_step_s": STEP_S, "order": order,
               "tests_dir": str(ws / "tests" if tests == "shipped" else HIDDEN_TESTS)}
    code, out, err = lv.run([sys.executable, str(HERE / "suite_driver.py")], ws, timeout=20,
                            stdin=json.dumps(request), env={"PYTHONHASHSEED": seed, "TZ": "UTC"},
                            expose=[HIDDEN_TESTS] if tests != "shipped" else [])
    for line in out.splitlines():
        if line.startswith(nonce + " "):
            return json.loads(line[len(nonce) + 1:])
    return {"<driver>": f"no result (exit {code}): {lv.one_line(err, 100)}"}


def judge(results: dict, runs: list, ids: list) -> tuple:
    """Passes when every test id passed in every run; evidence names the first failures."""
    failures = []
    for run in runs:
        outcome = results[run[0]]
        for test_id in ids:
            got = outcome.get(test_id, outcome.get("<driver>", "missing"))
            if got != "pass":
                failures.append(f"{test_id.rsplit('.', 1)[-1]} [{run[0]}]: {got}")
    if not failures:
        return True, f"{len(ids)} tests x {len(runs)} runs all pass"
    return False, f"{len(failures)} failures, e.g. " + "; ".join(failures[:3])


def tampering(ws: Path) -> list:
    """What the workspace did to the shipped tests: removed/edited test methods, skips, sleeps."""
    problems = []
    for pristine in sorted(PRISTINE_TESTS.glob("test_*.py")):
        mine = ws / "tests" / pristine.name
        if not mine.is_file():
            problems.append(f"{pristine.name} deleted")
            continue
        try:
            tree = ast.parse(mine.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            problems.append(f"{pristine.name} unparsable")
            continue
        want, have = _test_defs(ast.parse(pristine.read_text(encoding="utf-8"))), _test_defs(tree)
        for name, dump in want.items():
            if name not in have:
                problems.append(f"{name} removed")
            elif have[name] != dump:
                problems.append(f"{name} edited")
    for path in sorted((ws / "tests").rglob("*.py")) if (ws / "tests").is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        if SKIP_MARK.search(text):
            problems.append(f"skip marker in tests/{path.relative_to(ws / 'tests')}")
        if SLEEP_CALL.search(text):
            problems.append(f"sleep in tests/{path.relative_to(ws / 'tests')}")
    fixture = PRISTINE_TESTS / "fixtures" / "checks.json"
    if lv.sha256(ws / "tests" / "fixtures" / "checks.json") != lv.sha256(fixture):
        problems.append("tests/fixtures/checks.json changed")
    return problems


def _test_defs(tree: ast.Module) -> dict:
    """{Class or Class.method: ast dump} for test classes (with decorators) and their test methods."""
    defs = {}
    for cls in tree.body:
        if isinstance(cls, ast.ClassDef):
            defs[cls.name] = repr([ast.dump(d) for d in cls.decorator_list])  # a class-level @skip counts
            for fn in cls.body:
                if isinstance(fn, ast.FunctionDef) and fn.name.startswith("test"):
                    defs[f"{cls.name}.{fn.name}"] = ast.dump(fn)
    return defs


def sleeps_in_code(ws: Path) -> list:
    return [str(p.relative_to(ws)) for p in sorted(ws.rglob("*.py"))
            if "tests" not in p.relative_to(ws).parts
            and SLEEP_CALL.search(p.read_text(encoding="utf-8", errors="replace"))]


def main() -> None:
    g = lv.Grader()
    ws_real = lv.workspace()
    tmp = Path(tempfile.mkdtemp(prefix="flaky-test-fix-"))
    try:
        grade(g, ws_real, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    g.finish()


def grade(g: lv.Grader, ws_real: Path, tmp: Path) -> None:
    tampered = tampering(ws_real)
    slept = sleeps_in_code(ws_real)

    # Run the pristine shipped tests against the workspace's code, in a scratch copy.
    ws = tmp / "ws"
    shutil.copytree(ws_real, ws, ignore=shutil.ignore_patterns(".git", "__pycache__"))
    shutil.rmtree(ws / "tests", ignore_errors=True)
    shutil.copytree(PRISTINE_TESTS, ws / "tests")

    runs = CLOCK_RUNS + HASH_RUNS + ORDER_RUNS + HIDDEN_RUNS
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip([r[0] for r in runs], pool.map(lambda r: run_condition(ws, r), runs)))

    ids = shipped_test_ids()
    hidden = {}
    for test_id in results[HIDDEN_RUNS[0][0]]:
        parts = test_id.split(".")
        if len(parts) == 3:
            hidden.setdefault(parts[1], []).append(test_id)
    hidden_ids = {cls: hidden.get(cls) or [f"test_hidden.{cls}.<none ran>"]
                  for cls in ("HiddenWindows", "HiddenReport", "HiddenRegistry")}

    g.attempt("window tests hold across midnight and window boundaries",
              lambda: judge(results, CLOCK_RUNS, ids.get("test_windows", [])), 1.0)
    g.attempt("status-page test holds under every PYTHONHASHSEED",
              lambda: judge(results, HASH_RUNS, ids.get("test_report", [])), 1.0)
    g.attempt("registry tests pass in any order",
              lambda: judge(results, ORDER_RUNS, ids.get("test_registry", [])), 1.0)
    g.attempt("time functions take now= and read the clock once",
              lambda: judge(results, HIDDEN_RUNS, hidden_ids["HiddenWindows"]), 0.75)
    g.attempt("status lines sorted for any input",
              lambda: judge(results, HIDDEN_RUNS, hidden_ids["HiddenReport"]), 0.5)
    g.attempt("check cache hands out copies and still caches",
              lambda: judge(results, HIDDEN_RUNS, hidden_ids["HiddenRegistry"]), 0.75)
    g.attempt("whole shipped suite passes in every run",
              lambda: judge(results, CLOCK_RUNS + HASH_RUNS + ORDER_RUNS, [i for v in ids.values() for i in v]), 0.25)
    g.check("shipped tests intact (no edits, skips or sleeps)", not tampered,
            "; ".join(tampered[:4]) or "all shipped test methods unchanged", 0.5)
    if tampered:
        g.cap(1.0, "shipped tests edited, skipped or deleted")
    if slept:
        g.cap(1.5, "sleep added to the code: " + ", ".join(slept))


if __name__ == "__main__":
    main()
