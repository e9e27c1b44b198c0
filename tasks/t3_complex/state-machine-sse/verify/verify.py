"""Grader of the state-machine-sse task (lanebench): guarded job lifecycle plus a server-sent-events stream.

Two drivers run the workspace's jobboard package in subprocesses, and neither judges anything:

- board_probe.py replays scripted operations on JobBoard and reports each result; lifecycle.py replays the
  same scripts on a reference model here, and the two are compared.
- serve.py hosts make_server() on boards it populates, relayed to Unix sockets. This script is the HTTP and
  SSE client, from its own process: statuses, bodies and the event stream are what it receives. Races are
  forced: serve.py makes reads of Job.state yield for the racing jobs, and racing requests are released at
  the same instant, so a board without an atomic check-and-set loses every time instead of now and then.

The stream is judged as a live feed: a server that writes the backlog and closes (or never writes what is
recorded later) earns nothing for its well-formed backlog, the score is capped.
"""
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import lanebench_verify as lv  # noqa: E402
from lifecycle import ACTIONS, ALLOWED, PATH_TO, STATES, Model, legal_paths, matches  # noqa: E402
from sse_client import Endpoint, Held, Stream, call  # noqa: E402

HERE = Path(__file__).resolve().parent

CHECKS = {  # key -> (title, weight)
    "happy": ("legal lifecycle: start/fail/retry/succeed, duplicates and unknown jobs", 0.5),
    "illegal": ("every illegal (action, state) pair raises IllegalTransition, changes nothing", 1.5),
    "cancel": ("cancel: queued->cancelled, running->cancelling->cancelled, cancellation wins", 0.5),
    "retry": ("retry limit: max_retries retries, then RetryLimitExceeded", 1.0),
    "log": ("event log: ids, from/to/attempt, events_after, wait_for_events", 0.75),
    "race": ("racing starts on one job over HTTP: exactly one wins (forced interleaving)", 1.0),
    "burst": ("racing scripts on many jobs over HTTP: one winner per step, final states as specified", 0.75),
    "sse-headers": ("GET /events: 200, text/event-stream, no-cache", 0.25),
    "sse-format": ("SSE wire format: id:, event: transition, data: JSON, blank line", 1.0),
    "replay": ("new client gets the full history in id order", 0.5),
    "reconnect": ("Last-Event-ID reconnection replays only later events", 1.25),
    "live": ("events recorded after connecting arrive on the open stream", 1.0),
    "http-errors": ("HTTP 409 illegal_transition / retry_limit_exceeded, 404, 400", 0.5),
    "http-burst": ("the open stream delivers a concurrent burst live: one event per success, ids without gaps", 1.0),
}
RACE_YIELD_S, BURST_YIELD_S = 0.01, 0.005
NOT_ATOMIC_CAP = 2.5
NOT_LIVE_CAP = 2.0
RACERS = 4
BURST_SCRIPTS = [["start", "fail", "retry", "start", "succeed"], ["start", "cancel", "confirm_cancel"], ["cancel"],
                 ["start", "fail", "retry", "start", "fail", "retry"]]
BURST_JOBS = [f"burst-{i}" for i in range(6)]
RACE_JOBS = [f"race-{i}" for i in range(5)]


# ---- board scripts ---------------------------------------------------------------------------------------

def populate(n_jobs: int) -> list:
    """Operations that give a board some history (several jobs, every kind of transition)."""
    ops = [["create", f"job-{i}", 1] for i in range(n_jobs)]
    for i in range(n_jobs):
        j = f"job-{i}"
        ops.append(["start", j])
        ops += [[a, j] for a in (("fail", "retry", "start", "succeed"), ("cancel", "confirm_cancel"), ("succeed",))[i % 3]]
    return ops


def board_scripts() -> dict:
    illegal = []
    for state in STATES:
        for action in ACTIONS:
            if (action, state) not in ALLOWED:
                job = f"{state}-{action}"
                illegal += [["create", job, 3]] + [[a, job] for a in PATH_TO[state]] + [[action, job], ["get", job]]
    retry = []
    for limit in (0, 1, 3):
        job = f"limit-{limit}"
        retry.append(["create", job, limit])
        for _ in range(limit):
            retry += [["start", job], ["fail", job], ["retry", job]]
        retry += [["start", job], ["fail", job], ["retry", job], ["get", job]]
    return {
        "happy": [["create", "build-1", 1], ["start", "build-1"], ["fail", "build-1"], ["retry", "build-1"],
                  ["start", "build-1"], ["succeed", "build-1"], ["get", "build-1"], ["create", "build-1"],
                  ["start", "ghost"]],
        "illegal": illegal,
        "cancel": [["create", "q"], ["cancel", "q"], ["create", "r"], ["start", "r"], ["cancel", "r"],
                   ["succeed", "r"], ["fail", "r"], ["confirm_cancel", "r"]],
        "retry": retry,
        "log": [["create", "a", 1], ["create", "b"], ["start", "a"], ["fail", "a"], ["retry", "a"], ["cancel", "b"],
                ["succeed", "b"], ["start", "a"], ["events", 0], ["events", 4], ["events", 7], ["wait", 7, 0.3],
                ["wait_after", 7, 3, 0.2, "succeed", "a"]],
    }


def judge_script(name: str, ops: list, got) -> tuple:
    """Compares the driver's observations of one scenario with the reference model's."""
    if not isinstance(got, list):
        return False, lv.one_line(got.get("crashed") if isinstance(got, dict) else got)
    if len(got) != len(ops):
        return False, f"{len(got)} observations for {len(ops)} operations"
    model = Model()
    for op, obs in zip(ops, got):
        if op[0] == "wait":
            if not (isinstance(obs, dict) and obs.get("events") == [] and (obs.get("elapsed") or 0) >= 0.25):
                return False, f"wait_for_events(latest, 0.3) did not wait and return []: {obs}"
            continue
        if op[0] == "wait_after":
            model.act(op[4], op[5])
            want = model.events[-1:]
            if not (isinstance(obs, dict) and matches(obs.get("events"), want)):
                return False, f"wait_for_events did not wake up with the next event {want}: {obs}"
            continue
        want = model.apply(op)
        if not matches(obs, want):
            return False, lv.one_line(f"{op[0]}({', '.join(map(str, op[1:]))}) -> {obs}; want {want}", 220)
    return True, {"happy": "lifecycle, duplicate and unknown job as specified",
                  "illegal": f"all {sum(1 for o in ops if o[0] == 'get')} illegal pairs rejected with job_id/state/"
                             "action, nothing changed",
                  "cancel": "queued->cancelled, running->cancelling->cancelled, succeed/fail rejected meanwhile",
                  "retry": "max_retries 0/1/3 allow exactly that many retries, then RetryLimitExceeded",
                  "log": "events with exact ids/from/to/attempt; events_after and wait_for_events behave"}[name]


def board_checks(g, ws: Path, tmp: Path) -> None:
    scripts = board_scripts()
    # every scenario ends with the whole log, so a rejected action that still recorded an event shows
    request = {"workspace": str(ws), "scenarios": {k: v + [["events", 0]] for k, v in scripts.items()}}
    record, problem = lv.run_driver([lv.PYTHON, str(HERE / "board_probe.py")], tmp, request, timeout=25)
    if record is not None and "fatal" in record:
        record, problem = None, lv.one_line(record["fatal"])
    observed = record.get("scenarios") if record else None
    classes = record.get("classes") if record else None
    for name in scripts:
        title, weight = CHECKS[name]
        got = observed.get(name) if isinstance(observed, dict) else None
        if got is None:
            g.check(title, False, problem or "scenario missing from the driver's record", weight)
            continue
        passed, evidence = judge_script(name, request["scenarios"][name], got)
        if name == "illegal" and not (isinstance(classes, dict) and classes.get("IllegalTransition")):
            passed, evidence = False, "jobboard.board.IllegalTransition does not exist"
        if name == "retry" and not (isinstance(classes, dict) and classes.get("subclass")):
            passed, evidence = False, "RetryLimitExceeded is missing or not a subclass of IllegalTransition"
        g.check(title, passed, evidence, weight)


# ---- HTTP ------------------------------------------------------------------------------------------------

def history(n_jobs: int) -> list:
    model = Model()
    for op in populate(n_jobs):
        model.apply(op)
    return model.events


def same_as_log(evs, log) -> str:
    for e, want in zip(evs, log):
        d = e.get("_data") or {}
        if e["_id"] != want["id"] or any(d.get(k) != want[k] for k in ("job", "from", "to", "attempt")):
            return f"stream event {e['_id']} {d} differs from the board's event {want}"
    return ""


def stream_ids(evs):
    return [e["_id"] for e in evs]


class Fail(Exception):
    """An expectation that did not hold; its message is the evidence."""


def expect(cond, message):
    if not cond:
        raise Fail(message)


def with_stream(endpoint, last_event_id=None):
    s = Stream(endpoint, last_event_id)
    expect(s.status == 200, f"GET /events answered {s.status or 'nothing'}")
    return s


def check_sse_headers(ep):
    s = Stream(ep)
    try:
        ctype, cache = s.headers.get("content-type", ""), s.headers.get("cache-control", "")
        expect(s.status == 200, f"GET /events answered {s.status or 'nothing'}")
        expect(ctype.split(";")[0].strip() == "text/event-stream", f"Content-Type is {ctype!r}")
        expect("no-cache" in cache, f"Cache-Control is {cache!r}")
        return f"200, Content-Type {ctype}, Cache-Control {cache}"
    finally:
        s.close()


def check_sse_format(ep, log):
    s = with_stream(ep)
    try:
        evs = s.read(len(log), 3)
        expect(len(evs) == len(log), f"{len(evs)} of {len(log)} events arrived as blank-line-terminated blocks")
        expect(not s.problems, s.problems[0] if s.problems else "")
        for e in evs:
            fields = e["_fields"]
            expect(fields.count("id") == 1, f"event block has {fields.count('id')} id: lines: {fields}")
            expect(e["_id"] is not None, f"id: {e.get('id')!r} is not an integer")
            expect(fields.count("event") == 1 and e.get("event") == "transition",
                   f"event block's event field is {e.get('event')!r} ({fields})")
            expect(fields.count("data") == 1, f"event {e['_id']} has {fields.count('data')} data: lines")
            expect(isinstance(e["_data"], dict), f"data of event {e['_id']} is not a JSON object: {e.get('data')!r}")
        problem = same_as_log(evs, log)
        expect(not problem, problem)
        sample = "".join(s.wire[:4]).replace("\n", "\\n")
        return f"{len(log)} events, each id:/event: transition/data: JSON + blank line; e.g. {sample[:90]}"
    finally:
        s.close()


def check_replay(ep, log):
    for header in (None, "not-a-number"):
        s = with_stream(ep, header)
        try:
            evs = s.read(len(log), 3)
            expect(stream_ids(evs) == list(range(1, len(log) + 1)),
                   f"Last-Event-ID {header!r}: ids {stream_ids(evs)[:10]}… instead of 1..{len(log)}")
            problem = same_as_log(evs, log)
            expect(not problem, problem)
        finally:
            s.close()
    return f"a new client (and a bad Last-Event-ID) gets all {len(log)} events in id order"


def check_reconnect(ep, log):
    total = len(log)
    s = with_stream(ep, 12)
    try:
        ids = stream_ids(s.read(total - 12, 3))
        expect(ids == list(range(13, total + 1)), f"Last-Event-ID 12 replayed ids {ids[:10]}…")
    finally:
        s.close()
    s = with_stream(ep, total)
    try:
        early = s.read(1, 0.4)
        expect(early == [], f"Last-Event-ID {total} (the latest) replayed {stream_ids(early)}")
        code, body = call(ep, "POST", "/jobs", {"id": "job-late"})
        expect(code == 201, f"POST /jobs answered {code} {body}")
        ids = stream_ids(s.read(1, 3))
        expect(ids == [total + 1], f"after reconnecting at the head, got ids {ids}")
    finally:
        s.close()
    return f"Last-Event-ID 12 resumes at 13..{total}; at the head only the next new event {total + 1} arrives"


def check_live(ep, log):
    total = len(log)
    s = with_stream(ep)
    try:
        expect(len(s.read(total, 3)) == total, "the backlog did not arrive")
        t0 = time.monotonic()
        for path, body in (("/jobs", {"id": "live-1"}), ("/jobs/live-1/start", None)):
            code, answer = call(ep, "POST", path, body)
            expect(code in (200, 201), f"POST {path} answered {code} {answer}")
        ids = stream_ids(s.read(total + 2, 3)[total:])
        expect(ids or not s.eof, "the server closed the stream after the backlog: no live events")
        expect(ids == [total + 1, total + 2], f"events recorded after connecting: got {ids} on the open stream")
        return f"2 events recorded while connected arrived on the open stream in {time.monotonic() - t0:.2f}s"
    finally:
        s.close()


def check_http_errors(ep):
    call(ep, "POST", "/jobs", {"id": "h1", "max_retries": 0})
    call(ep, "POST", "/jobs/h1/start")
    code, body = call(ep, "POST", "/jobs/h1/start")
    expect(code == 409 and body.get("error") == "illegal_transition" and body.get("state") == "running"
           and body.get("action") == "start", f"start on a running job: {code} {body}")
    call(ep, "POST", "/jobs/h1/fail")
    code, body = call(ep, "POST", "/jobs/h1/retry")
    expect(code == 409 and body.get("error") == "retry_limit_exceeded", f"retry past the limit: {code} {body}")
    code, body = call(ep, "POST", "/jobs/ghost/start")
    expect(code == 404 and body.get("error") == "unknown_job", f"unknown job: {code} {body}")
    code, body = call(ep, "POST", "/jobs/h1/explode")
    expect(code == 400, f"unknown action: {code} {body}")
    return "409 illegal_transition with state/action, 409 retry_limit_exceeded, 404, 400"


def race_round(ep, requests: list) -> list:
    """Sends the requests [(job, action)] so that they arrive together; returns their statuses in order."""
    held = [Held(ep, "POST", f"/jobs/{job}/{action}") for job, action in requests]
    time.sleep(0.05)  # every handler thread is now waiting for the last byte of its request
    for h in held:
        h.release()
    deadline = time.monotonic() + 8
    return [h.response(deadline)[0] for h in held]


class DoubleWin(Fail):
    """Two racing requests on one job both succeeded: the board's check-and-change is not atomic."""


def check_race(ep):
    statuses = race_round(ep, [(job, "start") for job in RACE_JOBS for _ in range(RACERS)])
    wins = [statuses[i * RACERS:(i + 1) * RACERS].count(200) for i in range(len(RACE_JOBS))]
    if any(w > 1 for w in wins):
        raise DoubleWin(f"successful starts per job of {RACERS} racing: {wins}")
    rejected = [sorted(set(statuses[i * RACERS:(i + 1) * RACERS]) - {200}) for i in range(len(RACE_JOBS))]
    expect(wins == [1] * len(RACE_JOBS), f"successful starts per job of {RACERS} racing: {wins} (others: {rejected})")
    expect(all(r == [409] for r in rejected), f"the losing racers got {rejected}, want 409")
    for job in RACE_JOBS:
        code, body = call(ep, "GET", f"/jobs/{job}")
        expect(code == 200 and body.get("state") == "running", f"GET /jobs/{job}: {code} {body}")
    return f"{len(RACE_JOBS)} jobs x {RACERS} simultaneous starts: exactly one wins each time, the rest get 409"


def run_burst(ep) -> dict:
    """Two racers per job run its script step by step, each step's requests released together, with a stream
    open from the start. Returns what the checks need."""
    model = Model()
    for job in BURST_JOBS:
        model.apply(["create", job, 1])
    s = with_stream(ep)
    backlog = s.read(len(BURST_JOBS), 3)
    expect(len(backlog) == len(BURST_JOBS), f"the backlog of {len(BURST_JOBS)} creations did not arrive")
    steps, successes = [], 0
    for k in range(max(len(sc) for sc in BURST_SCRIPTS)):
        todo = [(job, BURST_SCRIPTS[i % len(BURST_SCRIPTS)][k]) for i, job in enumerate(BURST_JOBS)
                if k < len(BURST_SCRIPTS[i % len(BURST_SCRIPTS)])]
        statuses = race_round(ep, [r for r in todo for _ in range(2)])
        for n, (job, action) in enumerate(todo):
            want = 0 if "error" in model.act(action, job) else 1
            got = statuses[2 * n:2 * n + 2]
            successes += got.count(200)
            steps.append((job, action, want, got))
    return {"stream": s, "steps": steps, "successes": successes, "model": model}


def check_burst(ep, burst):
    bad = [f"{a} {j}: {got}" for j, a, want, got in burst["steps"]
           if got.count(200) != want or any(c not in (200, 409) for c in got)]
    if any(got.count(200) > 1 for _, _, _, got in burst["steps"]):
        raise DoubleWin(f"racing steps with two winners: {bad[:3]}")
    expect(not bad, f"racing steps with the wrong number of winners: {bad[:3]}")
    for job in BURST_JOBS:
        code, body = call(ep, "GET", f"/jobs/{job}")
        want = burst["model"].jobs[job]
        expect(code == 200 and body.get("state") == want["state"] and body.get("attempt") == want["attempt"],
               f"{job}: GET answered {code} {body}, the lifecycle says {want['state']}/attempt {want['attempt']}")
    return f"{len(burst['steps'])} steps of 2 racers on {len(BURST_JOBS)} jobs: one winner each, final states right"


def check_http_burst(burst):
    s = burst["stream"]
    expected = len(BURST_JOBS) + burst["successes"]
    evs = s.read(expected, 4)
    expect(not s.problems, s.problems[0] if s.problems else "")
    expect(len(evs) == expected, f"the open stream delivered {len(evs)} events for {len(BURST_JOBS)} creations "
                                 f"and {burst['successes']} successful actions")
    problem = legal_paths([{"id": e["_id"], **(e["_data"] or {})} for e in evs], "streamed burst")
    expect(not problem, problem)
    finals = {e["_data"]["job"]: e["_data"]["to"] for e in evs}
    wrong = [j for j in BURST_JOBS if finals.get(j) != burst["model"].jobs[j]["state"]]
    expect(not wrong, f"the stream's last event of {wrong[:3]} is not the job's final state")
    return f"{expected} events of a concurrent burst streamed live as ids 1..{expected}, each job in legal order"


def attempt(fn, *args):
    try:
        return True, fn(*args)
    except DoubleWin as e:
        return False, DoubleWin.__doc__.split(":")[0] + ": " + str(e)
    except Fail as e:
        return False, str(e)
    except Exception as e:  # a broken submission fails the check, never the grader
        return False, f"{type(e).__name__}: {e}"


SERVERS = [{"name": "history", "populate": populate(6)}, {"name": "live", "populate": populate(2)},
           {"name": "errors", "populate": []}, {"name": "race", "populate": [["create", j] for j in RACE_JOBS]},
               {"name": "burst", "populate": [["create", j, 1] for j in BURST_JOBS]}]


def start_servers(ws: Path, folder: Path) -> tuple:
    """Starts serve.py in the background; returns (its thread, the box its lv.run result lands in)."""
    folder.mkdir()
    request = {"workspace": str(ws), "servers": SERVERS, "lifetime_s": 40,
               "yield": {"race-": RACE_YIELD_S, "burst-": BURST_YIELD_S}}
    box = {}
    host = threading.Thread(target=lambda: box.update(run=lv.run(
        [lv.PYTHON, str(HERE / "serve.py")], folder, timeout=45, stdin=json.dumps(request))), daemon=True)
    host.start()
    return host, box


def http_checks(g, folder: Path, host, box) -> None:
    deadline = time.monotonic() + 10
    names = [s["name"] for s in SERVERS]
    while time.monotonic() < deadline and host.is_alive() and not all(
            (folder / f"{n}.ready").exists() or (folder / f"{n}.error").exists() for n in names):
        time.sleep(0.05)
    results = {}
    try:
        endpoints = {}
        for n in names:
            why, _ = lv.read_text(folder / f"{n}.error", 1000)
            if why is None and not (folder / f"{n}.ready").exists():
                why = "the server did not come up" + ("" if host.is_alive() else ": " + lv.one_line(
                    (box.get("run") or (None, "", ""))[2][-300:], 150))
            if why is None:
                endpoints[n] = Endpoint(folder, n)
            else:
                results[n] = (False, f"make_server on the submitted board failed: {lv.one_line(why, 150)}")
        log6, log2 = history(6), history(2)
        plan = [("sse-headers", "history", lambda ep: check_sse_headers(ep)),
                ("sse-format", "history", lambda ep: check_sse_format(ep, log6)),
                ("replay", "history", lambda ep: check_replay(ep, log6)),
                ("reconnect", "history", lambda ep: check_reconnect(ep, log6)),
                ("live", "live", lambda ep: check_live(ep, log2)),
                ("http-errors", "errors", lambda ep: check_http_errors(ep)),
                ("race", "race", lambda ep: check_race(ep))]
        for key, server, fn in plan:
            g.check(CHECKS[key][0], *(results.get(server) or attempt(fn, endpoints[server])), CHECKS[key][1])
        burst = results.get("burst") or attempt(run_burst, endpoints["burst"])
        if burst[0]:
            g.check(CHECKS["burst"][0], *attempt(check_burst, endpoints["burst"], burst[1]), CHECKS["burst"][1])
            g.check(CHECKS["http-burst"][0], *attempt(check_http_burst, burst[1]), CHECKS["http-burst"][1])
            burst[1]["stream"].close()
        else:
            for key in ("burst", "http-burst"):
                g.check(CHECKS[key][0], False, burst[1], CHECKS[key][1])
        for ep in endpoints.values():
            ep.close()
    finally:
        (folder / "stop").write_text("")
        host.join(5)
    if any(c["evidence"].startswith("Two racing requests") for c in g.checks):
        g.cap(NOT_ATOMIC_CAP, "racing requests on one job both succeeded: transitions are not atomic")
    passed = {c["name"] for c in g.checks if c["passed"]}
    backlog = {CHECKS[k][0] for k in ("sse-format", "replay")} & passed
    live = {CHECKS[k][0] for k in ("live", "http-burst")} & passed
    if backlog and not live:
        g.cap(NOT_LIVE_CAP, "GET /events sends the backlog, but no event recorded after connecting arrives on the "
                            "open stream: a one-shot dump, not a live stream")


def main():
    g = lv.Grader()
    ws = lv.workspace()
    tmp = Path(tempfile.mkdtemp(prefix="lb-sse-"))
    try:
        if not (ws / "jobboard" / "board.py").is_file():
            for title, weight in CHECKS.values():
                g.check(title, False, "jobboard/board.py missing", weight)
        else:
            host, box = start_servers(ws, tmp / "serve")
            board_checks(g, ws, tmp)
            http_checks(g, tmp / "serve", host, box)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    g.finish()


if __name__ == "__main__":
    main()
