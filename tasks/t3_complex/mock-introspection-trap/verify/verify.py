"""Grader of the mock-introspection-trap task (lanebench): bugs hidden by unspecced MagicMocks.

Runs the observation driver (drive.py) against the workspace's code with gateway doubles that have the real
client's API; the driver reports the calls the doubles received and the ledger, and this script holds what
they must be. It also runs test suites in scratch copies: the repo's original tests against the submitted
code (every original test must be reported ok by name), the submitted tests against the submitted code, and
the submitted tests against the original (buggy) code — tests that would have caught the incident must fail
there, and must fail on each of the shipped mistakes put back into the submitted code by behaviour rather than
text (mutate.py): tests that only grep the source for the old call cap the score. A submission that only
touched the tests, or patched the vendored gateway, is detected by comparing with verify/pristine.
"""
import ast
import random
import re
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
    "charge_calls": ("charge gets the fee as amount and the invoice's customer (autospecced gateway)", 1.25),
    "receipts": ("ledger records the charge id of a real Receipt", 0.75),
    "two_nights": ("real client payloads correct; next night charges nothing twice", 0.75),
    "waive": ("waive refunds the recorded charge through the real refund() API", 1.0),
}
# (invoice, fee, customer, currency) of the invoices that owe a fee on the driver's date.
EXPECTED = [("INV-7", 1250, 1042, "EUR"), ("INV-8", 500, 77, "USD"), ("INV-9", 5000, 5001, "EUR")]


def _raised(obs, key="raised") -> str:
    r = obs.get(key)
    return f"{r.get('type')}: {r.get('message')}" if isinstance(r, dict) else ""


def judge_charge_calls(obs):
    got = [[c.get("amount_cents"), c.get("customer_id"), c.get("currency")] if "unbindable" not in c
           else c["unbindable"] for c in obs.get("charges") or [] if isinstance(c, dict)]
    want = [[fee, customer, cur] for _, fee, customer, cur in EXPECTED]
    ok = got == want
    return ok, (f"3 charges bound to the real signature as {got}" if ok else
                f"charge(amount, customer, currency) calls {got}, expected {want}"
                + (f"; raised {_raised(obs)}" if obs.get("raised") else ""))


def judge_receipts(obs):
    if obs.get("raised"):
        return False, f"with real Receipt objects the job raises {_raised(obs)}"
    recorded = [[r[0], r[2]] for r in obs.get("ledger") or [] if isinstance(r, list) and len(r) == 4]
    want = [["INV-7", "ch_1"], ["INV-8", "ch_2"], ["INV-9", "ch_3"]]
    if sorted(recorded) != want:
        return False, f"ledger (invoice, charge id) {recorded}, expected {want}"
    returned = obs.get("returned")
    if not isinstance(returned, list) or sorted(map(list, returned)) != want:
        return False, f"job returned {returned}, ledger has {recorded}"
    return True, f"ledger records the gateway's charge ids {recorded}"


def judge_two_nights(obs):
    if obs.get("raised"):
        return False, f"nightly run against the real client raises {_raised(obs)}"
    first = [p for p in obs.get("first_night") or [] if isinstance(p, list) and len(p) == 3]
    charges = [[p[1].get("amount"), p[1].get("customer"), p[1].get("currency")] for p in first
               if p[0] == "/v2/charges" and isinstance(p[1], dict)]
    want = [[fee, customer, cur] for _, fee, customer, cur in EXPECTED]
    if charges != want:
        return False, f"POST /v2/charges payloads {charges}, expected {want}"
    if obs.get("second_night"):
        return False, f"the second night sent {len(obs['second_night'])} more requests"
    fees = sorted(r[0] for r in obs.get("ledger") or [] if isinstance(r, list) and r)
    if fees != ["INV-7", "INV-8", "INV-9"]:
        return False, f"ledger after the run holds fees for {fees}"
    return True, "real client sends the right charge payloads; the next night charges nothing again"


def judge_waive(obs):
    if obs.get("raised"):
        return False, f"waive_fee against the real client API raises {_raised(obs)}"
    refunds = obs.get("refunds") or []
    if len(refunds) != 1 or not isinstance(refunds[0], dict):
        return False, f"refund called {len(refunds)} times: {refunds}"[:200]
    r = refunds[0]
    if r.get("charge_id") != "ch_42" or r.get("amount_cents") not in (1250, None):
        return False, f"refund(charge_id={r.get('charge_id')!r}, amount_cents={r.get('amount_cents')!r})"
    if obs.get("waived") is not True:
        return False, "fee not marked waived"
    if obs.get("real_raised"):
        return False, f"waive_fee through the real client raises {_raised(obs, 'real_raised')}"
    posts = [p[1] for p in obs.get("real_posts") or [] if isinstance(p, list) and len(p) == 3 and p[0] == "/v2/refunds"]
    if not (len(posts) == 1 and isinstance(posts[0], dict) and posts[0].get("charge") == "ch_7"
            and posts[0].get("amount", 500) == 500):
        return False, f"POST /v2/refunds payloads {posts}"
    for rep in obs.get("repeats") or [{}, {}]:
        if not (isinstance(rep.get("raised"), dict) and rep["raised"].get("value_error")):
            return False, f"waive_fee({rep.get('invoice')!r}) accepted (must raise ValueError)"
        if rep.get("posts"):
            return False, f"a rejected waive of {rep.get('invoice')} still called the gateway"
    return True, "waive refunds the recorded charge through refund(); repeats and unknown invoices rejected"


JUDGES = {"charge_calls": judge_charge_calls, "receipts": judge_receipts, "two_nights": judge_two_nights,
          "waive": judge_waive}


# The whole grade must stay well under the harness's limit even when the submitted code hangs.
BUDGET_S = 25
_START = time.monotonic()


def time_left(cap: float) -> float:
    return max(1.0, min(cap, BUDGET_S - (time.monotonic() - _START)))


def unittest_run(root: Path):
    """Runs `python3 -m unittest discover -v -s tests` in root; returns (ok, output)."""
    code, out, err = lv.run([lv.PYTHON, "-m", "unittest", "discover", "-v", "-s", "tests"], cwd=root,
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
        lv.copy_tree(code_from / "latefees", root / "latefees")
    if (tests_from / "tests").is_dir():
        lv.copy_tree(tests_from / "tests", root / "tests")
    return root


def reported_ok(text: str, names: set) -> list:
    """Original tests that unittest's verbose output does not report as `ok` (each by its own line)."""
    ok = {f"{m.group(2)}.{m.group(1)}" for m in
          re.finditer(r"^(test\w*) \((?:[\w.]+\.)?(\w+)\.\1\) \.\.\. ok$", text, re.M)}
    return sorted(names - ok)


def test_names(tests_dir: Path) -> set:
    names = set()
    for path in sorted(tests_dir.glob("*.py")) if tests_dir.is_dir() else []:
        text, _ = lv.read_text(path)
        try:
            tree = ast.parse(text or "")
        except (SyntaxError, ValueError):
            continue
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for fn in cls.body:
                if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.name.startswith("test"):
                    names.add(f"{cls.name}.{fn.name}")
    return names


def real_failures(text: str) -> list:
    """FAIL:/ERROR: lines of tests that ran (not test modules that failed to import)."""
    return [l for l in text.splitlines() if l.startswith(("FAIL:", "ERROR:")) and "_FailedTest" not in l]


# The shipped code's mistakes, put back by mutate.py in how the code calls the gateway: (flag, title).
MUTATIONS = [
    (1, "submitted tests catch amount and customer swapped in the charge call"),
    (2, "submitted tests catch a charge id read from an attribute the real Receipt lacks"),
    (3, "submitted tests catch a refund sent to a method the real client lacks"),
]
MUTATION_WEIGHT = 0.5
TEXT_TESTS_CAP = 2.0


def mutation_run(ws: Path, tmp: Path, name: str, flags: str):
    """(ok, output) of the submitted suite on the submitted code behind mutate.py's gateway proxy."""
    root = scratch(tmp, name, ws, ws)
    code, out, err = lv.run([lv.PYTHON, str(HERE / "mutate.py")], cwd=root, stdin=flags, timeout=time_left(5))
    text = (out or "") + (err or "")
    return code == 0, text + ("\ntimed out" if code is None else "")


def mutation_checks(g, ws: Path, tmp: Path):
    """One check per mutation: the suite passes with calls forwarded unchanged and fails with the mistake.
    Returns whether any mutation was caught, or None when the control run fails (nothing can be told)."""
    # In a random order, the control among them: a suite that counts its runs cannot tell which is which.
    order = [flag for flag, _ in MUTATIONS] + [0]
    random.shuffle(order)
    runs = {flag: mutation_run(ws, tmp, f"mutation-{flag}", str(flag) if flag else "") for flag in order}
    control_ok, control_text = runs[0]
    caught = False
    for flag, title in MUTATIONS:
        ok, text = runs[flag]
        if not control_ok:
            g.check(title, False, "the suite fails even with every gateway call forwarded unchanged: "
                    + summary(control_text), MUTATION_WEIGHT)
            continue
        failures = real_failures(text)
        hit = g.check(title, not ok and bool(failures),
                      f"{len(failures)} tests fail: {summary(text)}" if failures and not ok
                      else f"the suite passes: {summary(text)}", MUTATION_WEIGHT)
        caught = caught or hit
    return caught if control_ok else None


def changed_files(ws: Path, sub: str) -> list:
    changed = []
    for path in sorted((PRISTINE / sub).rglob("*.py")):
        rel = path.relative_to(PRISTINE)
        if lv.sha256(ws / rel) != lv.sha256(path):
            changed.append(str(rel))
    for path in sorted((ws / sub).rglob("*.py")) if (ws / sub).is_dir() else []:
        rel = path.relative_to(ws)
        if not (PRISTINE / rel).exists() and "__pycache__" not in rel.parts:
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
    record, note = None, "latefees package missing"
    if (ws / "latefees" / "dunning.py").is_file():
        driver_dir = tmp / "driver"
        driver_dir.mkdir()
        shutil.copyfile(PRISTINE / "latefees" / "gateway.py", driver_dir / "gateway.py")
        record, note = lv.run_driver([lv.PYTHON, str(HERE / "drive.py")], driver_dir,
                                     {"workspace": str(ws), "gateway": str(driver_dir / "gateway.py")},
                                     timeout=time_left(12))
        if record is not None and "fatal" in record:
            record, note = None, lv.one_line(record["fatal"])
    for name, (title, weight) in HIDDEN.items():
        obs = record.get(name) if record else None
        if not isinstance(obs, dict):
            g.check(title, False, note or "scenario missing from the driver's record", weight)
        elif "crashed" in obs:
            g.check(title, False, lv.one_line(obs["crashed"]), weight)
        else:
            g.attempt(title, lambda: JUDGES[name](obs), weight)

    # The submitted tests must now catch the incident: they fail against the original code ...
    ok, text = unittest_run(scratch(tmp, "tests-vs-original", PRISTINE, ws))
    caught = real_failures(text)
    fail_original = g.check("submitted tests fail against the original buggy code", not ok and bool(caught),
                            f"{len(caught)} tests fail there: {summary(text)}" if caught
                            else f"they pass there: {summary(text)}", 0.25)
    # ... and each of its mistakes by what the code does, however the code is written.
    caught_any = mutation_checks(g, ws, tmp)
    if fail_original and caught_any is False:
        g.cap(TEXT_TESTS_CAP, "the submitted tests catch the shipped code by its text, not by what it does")

    ok, text = unittest_run(scratch(tmp, "original-tests", ws, PRISTINE))
    not_ok = reported_ok(text, test_names(PRISTINE / "tests"))
    g.check("the repo's original tests pass against the submitted code", ok and not not_ok,
            summary(text) + (f"; not reported ok: {not_ok[:3]}" if not_ok else ""), 0.25)

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
