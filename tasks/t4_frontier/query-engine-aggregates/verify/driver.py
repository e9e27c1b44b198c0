"""Runs queries through the workspace's tql engine and prints the raw answers (lanebench grader driver).

Usage: python3 driver.py WORKSPACE DATA_DIR < request
The request is the nonce on the first line and a JSON list of query strings on the second. For each
query the driver prints one line `<nonce> R <index> <json>` with what the engine returned (columns and
rows), the error it raised, or that it timed out; then `<nonce> END <count>`. It judges nothing: the
grader compares these answers with its own. The engine's own prints go to stderr, not to the result
stream.

Before the engine is imported, an audit hook (which cannot be removed once added) refuses sqlite3,
ctypes and process creation: the engine has to evaluate queries itself. A refused attempt is reported
as a `<nonce> BLOCKED <event>` line.
"""
import json
import os
import signal
import sys
import time

PER_QUERY_S = 2.0
TOTAL_S = 14.0


BLOCKED_MODULES = ("sqlite3", "_sqlite3", "ctypes", "_ctypes")
BLOCKED_EVENTS = ("sqlite3.connect", "ctypes.dlopen", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn",
                  "os.spawn", "os.fork", "os.forkpty")


class _Timeout(BaseException):
    pass


def install_guard(report):
    def guard(event, args):
        blocked = event in BLOCKED_EVENTS or (
            event == "import" and args and str(args[0]).split(".")[0] in BLOCKED_MODULES)
        if blocked:
            what = event if event != "import" else f"import {args[0]}"
            report(what)
            raise PermissionError(f"{what} is not available to the engine under test")
    sys.addaudithook(guard)


def _alarm(signum, frame):
    raise _Timeout()


def encode(v):
    """JSON-able form of a result value; anything outside the value model is tagged so it never matches."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        return {"$type": "bool", "$repr": repr(v)}
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return {"$type": "float", "$repr": repr(v)}
        return v
    return {"$type": type(v).__name__, "$repr": repr(v)[:60]}


def answer(tql, db, query):
    try:
        res = db.query(query)
        columns = [str(c) for c in list(res.columns)]
        rows = [[encode(v) for v in tuple(r)] for r in list(res.rows)[:2000]]
        return {"columns": columns, "rows": rows}
    except _Timeout:
        raise
    except BaseException as e:  # an engine failure is an answer to report, never a driver crash
        error_type = getattr(tql, "QueryError", None)
        if isinstance(error_type, type) and isinstance(e, error_type):
            return {"error": "QueryError", "message": str(e)[:300]}
        return {"crash": f"{type(e).__name__}: {str(e)[:200]}"}


def main():
    ws, data = sys.argv[1], sys.argv[2]
    nonce = sys.stdin.readline().strip()
    queries = json.loads(sys.stdin.readline())
    # Results go to a private copy of stdout; fd 1 itself goes to stderr so engine prints cannot
    # interleave with result lines.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)

    def emit(kind, *parts):
        out.write(" ".join([nonce, kind] + [str(p) for p in parts]) + "\n")
        out.flush()

    reported = set()

    def report(what):
        if what not in reported:
            reported.add(what)
            emit("BLOCKED", json.dumps(what))

    install_guard(report)
    sys.path.insert(0, ws)
    signal.signal(signal.SIGALRM, _alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        import tql
        db = tql.Database.from_dir(data)
        signal.setitimer(signal.ITIMER_REAL, 0)
    except BaseException as e:
        signal.setitimer(signal.ITIMER_REAL, 0)
        emit("LOAD-ERROR", json.dumps(f"{type(e).__name__}: {str(e)[:200]}"))
        emit("END", 0)
        out.close()
        os._exit(0)
    deadline = time.monotonic() + TOTAL_S
    for i, q in enumerate(queries):
        if time.monotonic() > deadline:
            result = {"timeout": "driver time budget used up"}
        else:
            try:
                signal.setitimer(signal.ITIMER_REAL, PER_QUERY_S)
                result = answer(tql, db, q)
            except _Timeout:
                result = {"timeout": f"no answer within {PER_QUERY_S} s"}
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        emit("R", i, json.dumps(result))
    emit("END", len(queries))
    out.close()
    os._exit(0)


if __name__ == "__main__":
    main()
