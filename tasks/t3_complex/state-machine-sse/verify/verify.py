"""Grader of the state-machine-sse task (lanebench): guarded job lifecycle plus a server-sent-events stream.

Runs the hidden driver (drive.py) in a subprocess against the workspace's jobboard package. The driver
exercises the board in-process and starts the submitted HTTP server on 127.0.0.1 on a free port; it prints
nonce-tagged result lines that this script turns into weighted checks.
"""
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent

# driver check name -> (title, weight)
CHECKS = {
    "happy": ("legal lifecycle: start/fail/retry/succeed, duplicates and unknown jobs", 0.5),
    "illegal": ("every illegal (action, state) pair raises IllegalTransition, changes nothing", 1.5),
    "cancel": ("cancel: queued->cancelled, running->cancelling->cancelled, cancellation wins", 0.5),
    "retry": ("retry limit: max_retries retries, then RetryLimitExceeded", 1.0),
    "log": ("event log: ids, from/to/attempt, events_after, wait_for_events", 0.75),
    "race": ("racing starts on one job: exactly one wins", 0.5),
    "burst": ("concurrent burst: ids 1..n without gaps, every job's events a legal path", 0.75),
    "sse-headers": ("GET /events: 200, text/event-stream, no-cache", 0.25),
    "sse-format": ("SSE wire format: id:, event: transition, data: JSON, blank line", 1.0),
    "replay": ("new client gets the full history in id order", 0.5),
    "reconnect": ("Last-Event-ID reconnection replays only later events", 1.25),
    "live": ("events recorded after connecting arrive on the open stream", 1.0),
    "http-errors": ("HTTP 409 illegal_transition / retry_limit_exceeded, 404, 400", 0.5),
    "http-burst": ("stream stays ordered and complete during a concurrent HTTP burst", 1.0),
}


def main():
    g = lv.Grader()
    ws = lv.workspace()
    results = {}
    note = "jobboard package missing"
    if (ws / "jobboard" / "board.py").is_file():
        nonce = secrets.token_hex(16)
        code, out, err = lv.run([sys.executable, str(HERE / "drive.py"), str(ws)], cwd=ws, timeout=27,
                                stdin=nonce + "\n")
        for line in out.splitlines():
            parts = line.split(" ", 4)
            if len(parts) >= 4 and parts[0] == nonce and parts[1] == "CHECK":
                results[parts[2]] = (parts[3] == "PASS", parts[4] if len(parts) > 4 else "")
        note = "driver timed out" if code is None else f"no result from driver: {lv.one_line(err[-300:], 150)}"
    for name, (title, weight) in CHECKS.items():
        passed, evidence = results.get(name, (False, note))
        g.check(title, passed, evidence, weight)
    g.finish()


if __name__ == "__main__":
    main()
