"""Grader of query-engine-aggregates (lanebench): GROUP BY, aggregates and HAVING in the tql engine.

The agent's engine runs only inside driver.py, in a subprocess, and reports raw answers. The expected
answers are computed here, in this process, by SQLite over the same generated tables, so a driver line
is only worth something when it carries the right answer; the nonce only frames the lines, and a
duplicated or missing line fails. The repo's own test suite runs from pristine copies as a gate (its
failure caps the score; its success, being a claim of a process that ran agent code, earns nothing), and
the CLI is exercised end to end. An engine that hands the query to sqlite3 instead of evaluating it is capped:
its code is read for real use (delegation.py), and the driver's audit hook refuses it at run time.
"""
import csv
import json
import math
import secrets
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "_support"))
sys.path.insert(0, str(HERE))
import lanebench_verify as lv  # noqa: E402
import cases  # noqa: E402
import delegation  # noqa: E402

SUITE_TESTS = 52          # tests in the pristine repo suite
SUITE_CAP = 3.0           # an engine that breaks the existing suite is not a finished change
DELEGATE_CAP = 1.0        # handing queries to sqlite3 is not implementing them
SCAN_LIMIT_FILES = 400
SCAN_LIMIT_BYTES = 1_000_000


# ------------------------------------------------------------------ expected answers (SQLite, here)

def build_sqlite(rows_by_table) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    types = {"int": "INTEGER", "real": "REAL", "text": "TEXT"}
    for name, cols in cases.TABLES.items():
        con.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {types[t]}' for c, t in cols)})")
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(cols))})", rows_by_table[name])
    return con


def expected(con, sql):
    cur = con.execute(sql)
    return [d[0] for d in cur.description], [list(r) for r in cur.fetchall()]


def write_tables(folder: Path, rows_by_table):
    folder.mkdir(parents=True)
    for name, cols in cases.TABLES.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([f"{c}:{t}" for c, t in cols])
            for row in rows_by_table[name]:
                w.writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in row])


# ------------------------------------------------------------------ comparing answers

def same_value(want, got) -> bool:
    if want is None or isinstance(want, str):
        return got == want and type(got) is type(want)
    if isinstance(want, int):
        return type(got) is int and got == want
    if isinstance(want, float):
        return type(got) is float and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)
    return False


def same_rows(want, got, ordered: bool) -> bool:
    if not isinstance(got, list) or len(got) != len(want):
        return False
    if not all(isinstance(r, list) and len(r) == len(w) for r, w in zip(got, want)):
        return False
    if ordered:
        return all(all(same_value(a, b) for a, b in zip(w, g)) for w, g in zip(want, got))
    # Multiset comparison: match each wanted row to one unused equal row.
    unused = list(got)
    for w in want:
        for i, g in enumerate(unused):
            if all(same_value(a, b) for a, b in zip(w, g)):
                del unused[i]
                break
        else:
            return False
    return True


def show(rows, limit=3) -> str:
    return lv.one_line(json.dumps(rows[:limit]) + (" …" if len(rows) > limit else ""), 120)


def describe_answer(ans) -> str:
    if "rows" in ans:
        return f"{len(ans['rows'])} rows {show(ans['rows'])}"
    for k in ("error", "crash", "timeout"):
        if k in ans:
            return f"{k}: {lv.one_line(ans.get('message') or ans[k], 120)}"
    return "no answer"


# ------------------------------------------------------------------ running the driver

class DriverRun:
    """Answers of the driver by query index, or why there are none; `blocked` lists refused actions."""

    def __init__(self, answers, problem, blocked=()):
        self.answers, self.problem, self.blocked = answers, problem, list(blocked)

    def get(self, i):
        if self.problem:
            return None, self.problem
        if i not in self.answers:
            return None, "no answer line for this query (driver stopped early)"
        return self.answers[i], None


def run_driver(ws: Path, data: Path, queries) -> DriverRun:
    nonce = secrets.token_hex(16)
    stdin = nonce + "\n" + json.dumps(queries) + "\n"
    # Its own pycache folder: bytecode left in the workspace is never what runs.
    cache = data.parent / "pycache"
    code, out, err = lv.run([sys.executable, "-I", "-S", "-X", f"pycache_prefix={cache}", str(HERE / "driver.py"),
                             str(ws), str(data)], cwd=data.parent, timeout=20, stdin=stdin)
    answers, ends, seen, blocked = {}, [], set(), []
    for line in out.splitlines():
        if not line.startswith(nonce + " "):
            continue
        kind, _, rest = line[len(nonce) + 1:].partition(" ")
        if kind == "R":
            index, _, payload = rest.partition(" ")
            if not index.isdigit():
                continue
            i = int(index)
            if i in seen:
                return DriverRun({}, f"driver output refused: two answer lines for query {i}")
            seen.add(i)
            try:
                ans = json.loads(payload)
            except ValueError:
                ans = None
            answers[i] = ans if isinstance(ans, dict) else {"crash": "unreadable answer line"}
        elif kind == "END":
            ends.append(rest)
        elif kind == "BLOCKED":
            blocked.append(lv.one_line(rest, 80))
        elif kind == "LOAD-ERROR":
            return DriverRun({}, "tql did not import or load the tables: " + lv.one_line(rest, 150), blocked)
    if len(ends) > 1:
        return DriverRun({}, "driver output refused: more than one END line")
    if not answers:
        why = "driver timed out" if code is None else f"driver gave no answers (exit {code}): {lv.one_line(err[-300:], 150)}"
        return DriverRun({}, why)
    return DriverRun(answers, None, blocked)


# ------------------------------------------------------------------ checks

def differential_checks(g, run: DriverRun, con, index_of):
    for title, (group, weight) in cases.DIFFERENTIAL.items():
        failures, total = [], len(group)
        for sql, mode in group:
            _, want_rows = expected(con, sql)
            ans, problem = run.get(index_of[sql])
            if problem:
                failures = [problem]
                total = None
                break
            if "rows" not in ans or not same_rows(want_rows, ans["rows"], mode == "seq"):
                failures.append(f"{sql!r}: want {len(want_rows)} rows {show(want_rows)}, got {describe_answer(ans)}")
        if total is None:
            g.check(title, False, failures[0], weight)
        elif failures:
            g.check(title, False, f"{total - len(failures)}/{total} queries right; first miss: {failures[0]}", weight)
        else:
            g.check(title, True, f"{total}/{total} queries answer as SQLite does", weight)


def error_check(g, run: DriverRun, index_of):
    misses = []
    for sql, word in cases.ERRORS:
        ans, problem = run.get(index_of[sql])
        if problem:
            g.check("invalid grouped queries raise QueryError naming the problem", False, problem, 0.6)
            return
        if ans.get("error") != "QueryError":
            misses.append(f"{sql!r}: want QueryError, got {describe_answer(ans)}")
        elif word and word not in (ans.get("message") or ""):
            misses.append(f"{sql!r}: QueryError does not name {word!r}: {lv.one_line(ans.get('message'), 80)}")
    total = len(cases.ERRORS)
    g.check("invalid grouped queries raise QueryError naming the problem", not misses,
            f"{total - len(misses)}/{total} rejected properly" + (f"; first miss: {misses[0]}" if misses else ""), 0.6)


def names_check(g, run: DriverRun, con, index_of):
    misses = []
    for sql in cases.NAMES:
        want, _ = expected(con, sql)
        ans, problem = run.get(index_of[sql])
        if problem:
            g.check("aggregate output columns are named as written", False, problem, 0.3)
            return
        if ans.get("columns") != want:
            misses.append(f"{sql!r}: want columns {want}, got {ans.get('columns') or describe_answer(ans)}")
    g.check("aggregate output columns are named as written", not misses,
            f"{len(cases.NAMES) - len(misses)}/{len(cases.NAMES)} right" + (f"; first miss: {misses[0]}" if misses else ""),
            0.3)


def cli_check(g, ws: Path, data: Path, con):
    sql = "SELECT region, COUNT(*) AS n, SUM(qty) FROM sales GROUP BY region HAVING COUNT(*) > 3 ORDER BY n DESC, region"
    _, want = expected(con, sql)
    code, out, err = lv.run([sys.executable, "-m", "tql", "--data", str(data), "--format", "json", sql],
                            cwd=data.parent, timeout=10, env={"PYTHONPATH": str(ws)})
    try:
        got = json.loads(out)
        rows = got.get("rows") if isinstance(got, dict) else None
    except ValueError:
        rows = None
    ok = code == 0 and rows is not None and same_rows(want, rows, True)
    bad_code, _, bad_err = lv.run([sys.executable, "-m", "tql", "--data", str(data),
                                   "SELECT region, qty FROM sales GROUP BY region"],
                                  cwd=data.parent, timeout=10, env={"PYTHONPATH": str(ws)})
    evidence = (f"json answer {'right' if ok else 'wrong'} (exit {code}); grouping error exits {bad_code}"
                + ("" if ok else f"; stdout {lv.one_line(out, 80)} stderr {lv.one_line(err[-200:], 80)}"))
    g.check("python3 -m tql answers a grouped query and rejects a bad one (exit 1)", ok and bad_code == 1,
            evidence, 0.25)


def delegation_scan(g, ws: Path, run: DriverRun):
    """Caps an engine whose code reaches for sqlite3 (an import or a call of sqlite3, ctypes, a loader or a
    process; see delegation.py), or that tried to while answering queries. Not a check of its own: keeping
    out of sqlite earns nothing."""
    hits = delegation.scan(ws / "tql", lv.read_text, SCAN_LIMIT_FILES, SCAN_LIMIT_BYTES)
    if hits:
        g.cap(DELEGATE_CAP, f"the engine reaches past itself for another engine: {'; '.join(hits[:3])}")
    elif run.blocked:
        g.cap(DELEGATE_CAP, f"the engine tried {', '.join(run.blocked[:3])} while answering queries")


def main():
    ws = lv.workspace()
    g = lv.Grader()
    rows_by_table = cases.make_rows()
    con = build_sqlite(rows_by_table)
    queries = []
    for group, _ in cases.DIFFERENTIAL.values():
        queries += [sql for sql, _ in group]
    queries += [sql for sql, _ in cases.ERRORS] + list(cases.NAMES)
    index_of = {}
    for sql in queries:
        index_of.setdefault(sql, len(index_of))
    unique = sorted(index_of, key=index_of.get)
    with tempfile.TemporaryDirectory(prefix="lb-tql-") as tmp:
        data = Path(tmp) / "data"
        write_tables(data, rows_by_table)
        if (ws / "tql").is_dir():
            run = run_driver(ws, data, unique)
        else:
            run = DriverRun({}, "no tql/ package in the workspace")
        differential_checks(g, run, con, index_of)
        error_check(g, run, index_of)
        names_check(g, run, con, index_of)
        cli_check(g, ws, data, con)
    lv.suite_gate(g, ws, HERE / "given", ["tests", "examples"], SUITE_TESTS, SUITE_CAP, timeout=25)
    delegation_scan(g, ws, run)
    g.finish()


if __name__ == "__main__":
    main()
