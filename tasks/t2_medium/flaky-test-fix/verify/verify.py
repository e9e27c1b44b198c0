"""Grades flaky-test-fix: the causes of the flaky tests fixed in the code, tests left alone.

suite_driver.py (a subprocess) calls the workspace's probewatch the way the shipped tests do, in many
controlled conditions: a fake clock started just before a year-end midnight (which is also a window
boundary), several PYTHONHASHSEED values, different call orders in one process. It reports what came back;
the assertions of the shipped tests, and the hidden ones (now= injection, ordering, cache safety, a clock that
is read rather than frozen), are applied here, so code that prints results from inside the driver's process
gains nothing. Edited/skipped/deleted shipped tests, added sleeps and a frozen clock cap the score.
"""
import ast
import json
import re
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.dont_write_bytecode = True  # keep the task folder unchanged by grading
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent
PRISTINE_TESTS = HERE / "pristine" / "tests"
UTC = timezone.utc

STEP_S = 0.001
WINDOW_S = 300
MIDNIGHT = datetime(2025, 1, 1)  # year, day and five-minute window boundary at once
CALM = "2024-06-15T12:02:30.250000"  # far from any boundary a call could straddle
LIVE_AT = datetime(2024, 3, 10, 8, 7, 30, 500000, tzinfo=UTC)
FROZEN_CAP = 2.0

SHIPPED_LINES = [("web", "degraded"), ("api", "down")]
SHIPPED_WORST = [("api", "degraded"), ("api", "down"), ("db", "down", True)]
HIDDEN_LINES = [("web", "degraded"), ("queue", "down"), ("api", "degraded"), ("db", "down"), ("cdn", "degraded"),
                ("auth", "down"), ("web", "down"), ("mail", "down", True), ("search", "degraded", True),
                ("search", "degraded")]
HIDDEN_GENERATOR = [("zeta", "down"), ("alpha", "down"), ("mu", "down")]
CACHE_CHECKS = [{"name": "a", "url": "https://a.example/"},
                {"name": "b", "url": "https://b.example/", "interval_s": 5, "enabled": False},
                {"name": "c", "url": "https://c.example/", "interval_s": 10}]
NOW_CALLS = [  # (function, keyword arguments, positional arguments), expected result
    (["current_window", {"now": "2024-01-01T00:04:59.999999+00:00"}, []],
     ["2024-01-01T00:00:00+00:00", "2024-01-01T00:05:00+00:00"]),
    (["current_window", {"now": "2024-12-31T23:55:00+00:00"}, []],
     ["2024-12-31T23:55:00+00:00", "2025-01-01T00:00:00+00:00"]),
    (["current_window", {"size_s": 60, "now": "2024-06-15T12:34:56+00:00"}, []],
     ["2024-06-15T12:34:00+00:00", "2024-06-15T12:35:00+00:00"]),
    (["archive_key", {"now": "2024-12-31T23:59:59.999999+00:00"}, ["db"]], "db/2024/12/31/235959.json"),
]
ORDERS = [["parsed", "defaults"], ["defaults", "parsed"], ["defaults", "parsed", "defaults", "parsed"],
          ["parsed", "defaults", "defaults", "parsed"]]

SKIP_MARK = re.compile(r"\bskip(If|Unless|Test)?\b|SkipTest|expectedFailure")
SLEEP_CALL = re.compile(r"\bsleep\s*\(")


def _before_midnight(k: int) -> str:
    # Offsets of 0.5, 1.5, 2.5, 3.5 steps: whichever clock read of a call lands on the boundary, one of
    # these runs puts a code path's consecutive reads on both sides of it.
    return (MIDNIGHT - timedelta(seconds=(k + 0.5) * STEP_S)).isoformat()


# (name, steps, clock start, PYTHONHASHSEED). A condition that needs its own hash seed needs its own process;
# the others share one, each run starting from freshly imported modules.
RUNS = ([(f"midnight-{k}", [f"windows@{_before_midnight(k)}"], CALM, "0") for k in range(4)]
        + [(f"order-{i}", order, CALM, "0") for i, order in enumerate(ORDERS)]
        + [("calm", ["live", "now", "cache"], CALM, "0")]
        + [(f"hashseed-{s}", ["report"], CALM, str(s)) for s in range(1, 6)])


def request_for(ws: Path, runs: list) -> dict:
    return {"workspace": str(ws), "clock_start": CALM, "clock_step_s": STEP_S, "runs": [r[1] for r in runs],
            "checks_file": str(ws / "lanebench-checks.json"), "live_at": LIVE_AT.isoformat(),
            "now_calls": [call for call, _ in NOW_CALLS], "cache_checks": CACHE_CHECKS,
            "incident_sets": [["lines", SHIPPED_LINES], ["worst", SHIPPED_WORST], ["lines", HIDDEN_LINES],
                              ["lines-generator", HIDDEN_GENERATOR]]}


def run_group(ws: Path, runs: list) -> dict:
    """Runs conditions that share a hash seed in one driver process; {run name: {"list": observations}}."""
    record, problem = lv.run_driver([lv.PYTHON, str(HERE / "suite_driver.py")], ws, request_for(ws, runs),
                                    timeout=20, env={"PYTHONHASHSEED": runs[0][3], "TZ": "UTC"})
    got = record.get("runs") if record else None
    out = {}
    for i, run in enumerate(runs):
        steps = got[i] if isinstance(got, list) and i < len(got) else None
        out[run[0]] = {"list": steps} if isinstance(steps, list) and len(steps) == len(run[1]) else \
            {"problem": problem or "driver record does not cover every step"}
    return out


# ---- judging what the driver saw ------------------------------------------------------------------------

def when(text) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"{text} is not an aware datetime")
    return value


def window_of(instant: datetime, size: int = WINDOW_S) -> list:
    start = datetime.fromtimestamp(int(instant.timestamp()) // size * size, UTC)
    return [start.isoformat(), (start + timedelta(seconds=size)).isoformat()]


def judge_windows(obs) -> str:
    """The three shipped window tests' assertions; '' when they hold."""
    start, end = (when(x) for x in obs["window"])
    if end - start != timedelta(seconds=WINDOW_S) or int(start.timestamp()) % WINDOW_S:
        return f"current_window() = {obs['window']}: not one aligned window"
    before, (start, end), after = when(obs["contains"][0]), map(when, obs["contains"][1]), when(obs["contains"][2])
    if not (start <= after and before < end):
        return f"current_window() {obs['contains'][1]} does not contain the time between {before} and {after}"
    before, key, after = when(obs["archive"][0]).replace(microsecond=0), obs["archive"][1], when(obs["archive"][2])
    check, year, month, day, name = key.split("/")
    stamp = datetime.strptime(year + month + day + name, "%Y%m%d%H%M%S.json").replace(tzinfo=UTC)
    if check != "api" or not before <= stamp <= after:
        return f"archive_key('api') = {key}, read between {before} and {after}"
    return ""


def judge_live(obs) -> str:
    """Two instants an hour apart: windows, the key and utcnow() follow the clock (no frozen or cached time)."""
    later = LIVE_AT + timedelta(hours=1, milliseconds=250)
    want = {"first": window_of(LIVE_AT), "second": window_of(later), "key": f"api/{later:%Y/%m/%d/%H%M%S}.json"}
    for k, v in want.items():
        if obs.get(k) != v:
            return f"with the clock at {LIVE_AT if k == 'first' else later}, {k} = {obs.get(k)}, want {v}"
    now = when(obs["now"])
    if not later <= now <= later + timedelta(seconds=1):
        return f"utcnow() = {now} with the clock at {later}"
    return ""


def judge_now(obs) -> str:
    for (call, want), got in zip(NOW_CALLS, obs):
        if got != want:
            return f"{call[0]}({', '.join(call[2])}{', ' if call[2] else ''}{call[1]}) = {got}, want {want}"
    return "" if len(obs) == len(NOW_CALLS) else "calls missing"


def lines_for(incidents) -> list:
    worst = {}
    for service, state, *resolved in incidents:
        rank = {"ok": 0, "degraded": 1, "down": 2}
        current = worst.setdefault(service, "ok")
        if not (resolved and resolved[0]) and rank[state] > rank[current]:
            worst[service] = state
    return [f"{s}: {worst[s]}" for s in sorted(worst)]


def judge_report(obs, shipped: bool) -> str:
    if shipped:
        if obs[0] != lines_for(SHIPPED_LINES):
            return f"status_lines = {obs[0]}, want {lines_for(SHIPPED_LINES)}"
        if obs[1] != {"api": "down", "db": "ok"}:
            return f"worst_states = {obs[1]}"
        return ""
    for got, incidents in ((obs[2], HIDDEN_LINES), (obs[3], HIDDEN_GENERATOR)):
        if got != lines_for(incidents):
            return f"status_lines = {got}, want {lines_for(incidents)}"
    return ""


def judge_order(steps: list, names: list, fixture: list) -> str:
    for name, got in zip(names, steps):
        if name == "parsed" and got != fixture:
            return f"load_checks after {names[:names.index(name)] or 'nothing'}: {lv.one_line(got, 100)}"
        if name == "defaults":
            if not isinstance(got, list) or [c.get("name") for c in got] != ["homepage", "api-health", "heartbeat"] \
                    or [c.get("interval_s") for c in got] != [60, 15, 30]:
                return f"enabled_checks in order {names}: {lv.one_line(got, 100)}"
    return ""


def judge_cache(obs) -> str:
    first, second, loaded = obs["twice"]
    if first != second or [c.get("name") for c in first] != ["a", "c", "heartbeat"] or loaded != CACHE_CHECKS:
        return "enabled_checks changed the file's checks or its own answer on a second call"
    if obs["mutate"] != CACHE_CHECKS:
        return f"a caller's change to load_checks' answer stuck: {lv.one_line(obs['mutate'], 80)}"
    if obs["heartbeat"].get("interval_s") != 30:
        return "the heartbeat check is shared: a caller's change stuck"
    if obs["once"] != [CACHE_CHECKS, CACHE_CHECKS]:
        return f"load_checks does not cache the parsed file: {lv.one_line(obs['once'][1], 80)}"
    return ""


def judged(results: dict, runs: list, judge) -> tuple:
    """(passed, evidence): judge(run result) -> problem or '' over the given runs."""
    for run in runs:
        r = results[run[0]]
        if "problem" in r:
            return False, f"[{run[0]}] {r['problem']}"
        try:
            problem = judge(r)
        except Exception as e:  # a result of the wrong shape is a wrong result
            problem = f"unexpected result ({type(e).__name__}: {e})"
        if problem:
            return False, lv.one_line(f"[{run[0]}] {problem}", 220)
    return True, f"{len(runs)} run(s) as the tests expect"


def step(name):
    def get(r):
        value = r["list"][r["steps_order"].index(name)]
        if isinstance(value, dict) and "error" in value and len(value) == 1:
            raise RuntimeError(value["error"])
        return value
    return get


# ---- what the workspace did to the shipped tests ---------------------------------------------------------

def tampering(ws: Path) -> list:
    """What the workspace did to the shipped tests: removed/edited test methods, skips, sleeps."""
    problems = []
    for pristine in sorted(PRISTINE_TESTS.glob("test_*.py")):
        text, why = lv.read_text(ws / "tests" / pristine.name)
        if text is None:
            problems.append(f"{pristine.name}: {why}")
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            problems.append(f"{pristine.name} unparsable")
            continue
        want, have = _test_defs(ast.parse(pristine.read_text(encoding="utf-8"))), _test_defs(tree)
        for name, dump in want.items():
            if name not in have:
                problems.append(f"{name} removed")
            elif have[name] != dump:
                problems.append(f"{name} edited")
    for path in sorted((ws / "tests").rglob("*.py")) if (ws / "tests").is_dir() else []:
        text, _ = lv.read_text(path)
        if SKIP_MARK.search(text or ""):
            problems.append(f"skip marker in tests/{path.relative_to(ws / 'tests')}")
        if SLEEP_CALL.search(text or ""):
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
            if "tests" not in p.relative_to(ws).parts and SLEEP_CALL.search(lv.read_text(p)[0] or "")]


# ---- grading -----------------------------------------------------------------------------------------------

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

    # The code runs from a scratch copy, which also holds the shipped checks fixture the calls read.
    ws = tmp / "ws"
    lv.copy_tree(ws_real, ws)
    shutil.copyfile(PRISTINE_TESTS / "fixtures" / "checks.json", ws / "lanebench-checks.json")
    fixture = json.loads((PRISTINE_TESTS / "fixtures" / "checks.json").read_text(encoding="utf-8"))

    groups = {}
    for run in RUNS:
        groups.setdefault(run[3], []).append(run)
    results = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for part in pool.map(lambda runs: run_group(ws, runs), groups.values()):
            results.update(part)
    for run in RUNS:
        results[run[0]]["steps_order"] = [s.partition("@")[0] for s in run[1]]
    midnight = [r for r in RUNS if r[0].startswith("midnight")]
    seeds = [r for r in RUNS if r[0].startswith("hashseed")]
    orders = [r for r in RUNS if r[0].startswith("order")]
    calm = [r for r in RUNS if r[0] == "calm"]

    g.check("window tests hold across midnight and window boundaries",
            *judged(results, midnight, lambda r: judge_windows(step("windows")(r))), 1.0)
    g.check("status-page test holds under every PYTHONHASHSEED",
            *judged(results, seeds, lambda r: judge_report(step("report")(r), True)), 1.0)
    g.check("registry tests pass in any order",
            *judged(results, orders, lambda r: judge_order(r["list"], r["steps_order"], fixture)), 1.0)
    g.check("time functions take now=", *judged(results, calm, lambda r: judge_now(step("now")(r))), 0.5)
    live_ok = g.check("the clock is read when asked, not frozen or cached",
                      *judged(results, calm, lambda r: judge_live(step("live")(r))), 0.5)
    g.check("status lines sorted for any input",
            *judged(results, seeds, lambda r: judge_report(step("report")(r), False)), 0.5)
    g.check("check cache hands out copies and still caches",
            *judged(results, calm, lambda r: judge_cache(step("cache")(r))), 0.75)
    g.check("shipped tests intact (no edits, skips or sleeps)", not tampered,
            "; ".join(tampered[:4]) or "all shipped test methods unchanged", 0.5)
    if tampered:
        g.cap(1.0, "shipped tests edited, skipped or deleted")
    if slept:
        g.cap(1.5, "sleep added to the code: " + ", ".join(slept))
    if not live_ok and "problem" not in results["calm"]:
        g.cap(FROZEN_CAP, "the code does not follow the clock (a frozen or cached time only hides the flakiness)")


if __name__ == "__main__":
    main()
