"""Grader for subtle-cache-bugfix: runs hidden TTL/LRU scenarios against the workspace's ttlcache.

The scenarios live in driver.py (run in a subprocess, results prefixed with a nonce sent on stdin).
The repo's own tests are re-run from the pristine copy in given/, so editing them gains nothing.
Weights favour the parts a symptom-only fix misses (update recency, TTL restart, live-only sizing).
"""
import json
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent

# scenario name in driver.py -> (check name, weight)
SCENARIOS = {
    "reported_repro": ("reported repro: expired entry evicted before live LRU entry", 1.5),
    "several_expired": ("several expired entries all make room before live ones", 0.75),
    "plain_lru": ("plain LRU order and per-entry TTL still correct", 0.75),
    "put_existing_moves": ("put of an existing key makes it MRU and evicts nothing", 1.0),
    "put_restarts_ttl": ("put of an existing key restarts its TTL", 1.0),
    "reput_after_expiry": ("re-put of an expired key makes it live again", 0.75),
    "get_expired_is_miss": ("get of an expired key is a clean miss", 0.75),
    "len_counts_live": ("len()/size count live entries only", 0.75),
    "stats_expirations": ("expired drops counted as expirations, not evictions", 0.5),
}


def run_scenarios(ws: Path) -> dict:
    nonce = secrets.token_hex(16)
    code, out, err = lv.run([sys.executable, str(HERE / "driver.py"), str(ws)], cwd=ws, timeout=15,
                            stdin=nonce + "\n")
    for line in out.splitlines():
        if line.startswith(nonce + " "):
            try:
                return json.loads(line[len(nonce) + 1:])
            except ValueError:
                break
    why = "driver timed out" if code is None else f"no result from driver (exit {code}): {lv.one_line(err[-300:])}"
    return {name: [False, why] for name in SCENARIOS}


def given_tests(ws: Path):
    """Runs the pristine copy of tests/test_cache.py against the workspace package."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(HERE / "given" / "test_cache.py", Path(tmp) / "test_cache.py")
        code, out, err = lv.run([sys.executable, "-m", "unittest", "-q", "test_cache"], cwd=Path(tmp),
                                timeout=8, env={"PYTHONPATH": str(ws)})
    edited = lv.sha256(ws / "tests" / "test_cache.py") != lv.sha256(HERE / "given" / "test_cache.py")
    note = " (workspace copy was edited; the pristine one was run)" if edited else ""
    tail = err.strip().splitlines()[-1] if err.strip() else "no output"
    return code == 0, f"pristine tests/test_cache.py: {tail}{note}"


def main():
    ws = lv.workspace()
    g = lv.Grader()
    results = run_scenarios(ws)
    for key, (name, weight) in SCENARIOS.items():
        passed, evidence = results.get(key, [False, "scenario missing from driver output"])
        g.check(name, passed is True, evidence, weight)
    g.attempt("existing unit tests still pass", lambda: given_tests(ws), weight=0.5)
    g.finish()


if __name__ == "__main__":
    main()
