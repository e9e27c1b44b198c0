"""Grader of the mock-introspection-trap task (lanebench): bugs hidden by unspecced MagicMocks.

Runs the hidden driver (drive.py) against the workspace's code with gateway doubles that have the real
client's API, and runs test suites in scratch copies: the repo's original tests against the submitted
code, the submitted tests against the submitted code, and the submitted tests against the original
(buggy) code — tests that would have caught the incident must fail there. A submission that only
touched the tests, or patched the vendored gateway, is detected by comparing with verify/pristine.
"""
import ast
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent
PRISTINE = HERE / "pristine"

HIDDEN = {
    "charge-args": ("charge gets the fee as amount and the invoice's customer (autospecced gateway)", 1.25),
    "receipt": ("ledger records the charge id of a real Receipt", 0.75),
    "end-to-end": ("real client payloads correct; next night charges nothing twice", 0.75),
    "refund": ("waive refunds the recorded charge through the real refund() API", 1.0),
}


# The whole grade must stay well under the harness's limit even when the submitted code hangs.
BUDGET_S = 25
_START = time.monotonic()


def time_left(cap: float) -> float:
    return max(1.0, min(cap, BUDGET_S - (time.monotonic() - _START)))


def unittest_run(root: Path):
    """Runs `python3 -m unittest discover -s tests` in root; returns (ok, output)."""
    code, out, err = lv.run([sys.executable, "-m", "unittest", "discover", "-s", "tests"], cwd=root,
                            timeout=time_left(5))
    text = (out or "") + (err or "")
    if code is None:
        text += "\ntimed out"
    return code == 0, text


def summary(text: str) -> str:
    lines = [l for l in text.splitlines() if l.startswith(("Ran ", "OK", "FAILED", "FAIL:", "ERROR:"))]
    return lv.one_line(" | ".join(lines[-4:]) or text[-200:], 180)


def scratch(tmp: Path, name: str, code_from: Path, tests_from: Path) -> Path:
    """A copy of code_from's latefees package with tests_from's tests/ folder."""
    root = tmp / name
    root.mkdir()
    if (code_from / "latefees").is_dir():
        shutil.copytree(code_from / "latefees", root / "latefees", symlinks=False,
                        ignore=shutil.ignore_patterns("__pycache__"))
    if (tests_from / "tests").is_dir():
        shutil.copytree(tests_from / "tests", root / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_names(tests_dir: Path) -> set:
    names = set()
    for path in sorted(tests_dir.glob("*.py")) if tests_dir.is_dir() else []:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except SyntaxError:
            continue
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for fn in cls.body:
                if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.name.startswith("test"):
                    names.add(f"{cls.name}.{fn.name}")
    return names


def real_failures(text: str) -> list:
    """FAIL:/ERROR: lines of tests that ran (not test modules that failed to import)."""
    return [l for l in text.splitlines() if l.startswith(("FAIL:", "ERROR:")) and "_FailedTest" not in l]


def changed_files(ws: Path, sub: str) -> list:
    changed = []
    for path in sorted((PRISTINE / sub).rglob("*.py")):
        rel = path.relative_to(PRISTINE)
        if lv.sha256(ws / rel) != lv.sha256(path):
            changed.append(str(rel))
    for path in sorted((ws / sub).rglob("*.py")) if (ws / sub).is_dir() else []:
        rel = path.relative_to(ws)
        if not (PRISTINE / rel).is_file() and "__pycache__" not in rel.parts:
            changed.append(str(rel))
    return changed


def main():
    g = lv.Grader()
    ws = lv.workspace()
    tmp = Path(tempfile.mkdtemp(prefix="lb-mocktrap-"))
    try:
        grade(g, ws, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    g.finish()


def grade(g, ws: Path, tmp: Path):
    results = {}
    note = "latefees package missing"
    if (ws / "latefees" / "dunning.py").is_file():
        nonce = secrets.token_hex(16)
        code, out, err = lv.run([sys.executable, str(HERE / "drive.py"), str(ws)], cwd=tmp, timeout=time_left(12),
                                expose=[HERE / "pristine" / "latefees" / "gateway.py"],
                                stdin=nonce + "\n")
        for line in out.splitlines():
            parts = line.split(" ", 4)
            if len(parts) >= 4 and parts[0] == nonce and parts[1] == "CHECK":
                results[parts[2]] = (parts[3] == "PASS", parts[4] if len(parts) > 4 else "")
        note = "driver timed out" if code is None else f"no result: {lv.one_line(err[-300:], 150)}"
    for name, (title, weight) in HIDDEN.items():
        passed, evidence = results.get(name, (False, note))
        g.check(title, passed, evidence, weight)

    # The submitted tests must now catch the incident: they fail against the original code.
    ok, text = unittest_run(scratch(tmp, "tests-vs-original", PRISTINE, ws))
    caught = real_failures(text)
    g.check("submitted tests fail against the original buggy code", not ok and bool(caught),
            f"{len(caught)} tests fail there: {summary(text)}" if caught else f"they pass there: {summary(text)}", 0.5)

    ok, text = unittest_run(scratch(tmp, "original-tests", ws, PRISTINE))
    g.check("the repo's original tests pass against the submitted code", ok, summary(text), 0.25)

    ok, text = unittest_run(scratch(tmp, "own-tests", ws, ws))
    missing = sorted(test_names(PRISTINE / "tests") - test_names(ws / "tests"))
    g.check("submitted test suite passes and keeps the original tests", ok and not missing,
            (f"missing original tests: {missing[:3]}; " if missing else "") + summary(text), 0.25)

    gateway_same = lv.sha256(ws / "latefees" / "gateway.py") == lv.sha256(PRISTINE / "latefees" / "gateway.py")
    g.check("vendored gateway client left untouched", gateway_same,
            "latefees/gateway.py unchanged" if gateway_same else "latefees/gateway.py was edited", 0.25)

    code_changes = changed_files(ws, "latefees")
    test_changes = changed_files(ws, "tests")
    if not code_changes and test_changes:
        g.cap(1.0, "only the tests were changed; the code under test is untouched")
    if missing:
        g.cap(3.0, "original tests were removed or renamed")


if __name__ == "__main__":
    main()
