"""Observation driver of state-machine-sse: replays scripted operations on the workspace's JobBoard.

Reads {"nonce", "workspace", "scenarios": {name: [op, ...]}} as JSON on stdin; every scenario gets a fresh
JobBoard. Prints one line: nonce + JSON {"classes": {...}, "scenarios": {name: [observation per op]}}.

  ["create", job_id(, max_retries)]   [action, job_id]   ["get", job_id]   ["events", last_id]
  ["wait", last_id, timeout]                   wait_for_events; reports {"events", "elapsed"}
  ["wait_after", last_id, timeout, delay, action, job_id]   the same while another thread does the action
                                                            after delay seconds

A job comes back as {"id", "state", "attempt", "max_retries"}; an exception as {"error": type, "illegal",
"retry_limit", "unknown", "value_error", "job_id", "state", "action"} (the flags say which of the board's
exception classes it is). Nothing is judged here: the grader replays the same scripts on its own model.
"""
import json
import os
import sys
import threading
import time

request = json.loads(sys.stdin.read())


def snapshot(job):
    return {k: getattr(job, k, None) for k in ("id", "state", "attempt", "max_retries")}


def error(e, b):
    def isa(name):
        cls = getattr(b, name, None)
        return isinstance(cls, type) and isinstance(e, cls)

    out = {"error": type(e).__name__, "illegal": isa("IllegalTransition"), "retry_limit": isa("RetryLimitExceeded"),
           "unknown": isa("UnknownJob"), "value_error": isinstance(e, ValueError)}
    for attr in ("job_id", "state", "action"):
        value = getattr(e, attr, None)
        out[attr] = value if value is None or isinstance(value, (str, int)) else repr(value)[:40]
    return out


def events(got):
    return [{k: e.get(k) for k in ("id", "job", "from", "to", "attempt")} if isinstance(e, dict) else repr(e)[:60]
            for e in got] if isinstance(got, list) else repr(got)[:60]


def apply(b, board, op):
    kind = op[0]
    if kind == "create":
        return snapshot(board.create(op[1], op[2]) if len(op) > 2 else board.create(op[1]))
    if kind == "get":
        return snapshot(board.get(op[1]))
    if kind == "events":
        return events(board.events_after(op[1]))
    if kind == "wait":
        t0 = time.monotonic()
        got = board.wait_for_events(op[1], op[2])
        return {"events": events(got), "elapsed": round(time.monotonic() - t0, 3)}
    if kind == "wait_after":
        timer = threading.Timer(op[3], lambda: getattr(board, op[4])(op[5]))
        timer.daemon = True
        timer.start()
        t0 = time.monotonic()
        got = board.wait_for_events(op[1], op[2])
        return {"events": events(got), "elapsed": round(time.monotonic() - t0, 3)}
    return snapshot(getattr(board, kind)(op[1]))


def replay(b, ops):
    board = b.JobBoard()
    out = []
    for op in ops:
        try:
            out.append(apply(b, board, op))
        except Exception as e:  # rejections are observations too
            out.append(error(e, b))
    return out


def run_one(b, ops, limit):
    box = {}

    def target():
        try:
            box["r"] = replay(b, ops)
        except BaseException as e:
            box["r"] = {"crashed": f"{type(e).__name__}: {e}"[:160]}

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(limit)
    return box.get("r", {"crashed": f"timed out after {limit}s"})


def main():
    sys.path.insert(0, request["workspace"])
    try:
        import jobboard.board as b
        illegal, limit = getattr(b, "IllegalTransition", None), getattr(b, "RetryLimitExceeded", None)
        record = {"classes": {"IllegalTransition": isinstance(illegal, type),
                              "RetryLimitExceeded": isinstance(limit, type),
                              "subclass": isinstance(limit, type) and isinstance(illegal, type)
                              and issubclass(limit, illegal)},
                  "scenarios": {name: run_one(b, ops, 4) for name, ops in request["scenarios"].items()}}
    except BaseException as e:
        record = {"fatal": f"jobboard.board does not import: {type(e).__name__}: {' '.join(str(e).split())[:150]}"}
    sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(record, default=repr) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
