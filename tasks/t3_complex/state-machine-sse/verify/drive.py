"""Hidden test driver of the state-machine-sse task (lanebench); run by verify.py in a subprocess.

Usage: python3 drive.py WORKSPACE < nonce

Imports the submitted jobboard package from WORKSPACE, runs each check with a time limit and prints one line
per check: `<nonce> CHECK <name> PASS|FAIL <evidence>`. Servers are bound to 127.0.0.1 on a free port and
left to die with this process (os._exit), so a stuck stream handler cannot hang the grader.
"""
import json
import os
import socket
import sys
import threading
import time
import urllib.error
import urllib.request

ALLOWED = {
    ("start", "queued"): "running",
    ("succeed", "running"): "succeeded",
    ("fail", "running"): "failed",
    ("cancel", "queued"): "cancelled",
    ("cancel", "running"): "cancelling",
    ("confirm_cancel", "cancelling"): "cancelled",
    ("retry", "failed"): "queued",
}
ACTIONS = ("start", "succeed", "fail", "cancel", "confirm_cancel", "retry")
EDGES = {(frm, to) for (_, frm), to in ALLOWED.items()}


class Fail(Exception):
    """An expectation that did not hold; its message is the evidence."""


def expect(cond, message):
    if not cond:
        raise Fail(message)


# ---------------------------------------------------------------- board helpers

def board_module():
    import jobboard.board as b
    return b


def new_board():
    return board_module().JobBoard()


def state_of(board, job_id):
    return board.get(job_id).state


def drive_to(board, job_id, state):
    """Brings a fresh job to `state` along legal actions."""
    path = {
        "queued": [], "running": ["start"], "succeeded": ["start", "succeed"], "failed": ["start", "fail"],
        "cancelling": ["start", "cancel"], "cancelled": ["cancel"],
    }[state]
    for action in path:
        getattr(board, action)(job_id)
    expect(state_of(board, job_id) == state, f"could not bring {job_id} to {state} via {path}")


def events(board, after=0):
    evs = board.events_after(after)
    expect(isinstance(evs, list), f"events_after returned {type(evs).__name__}")
    return [dict(e) for e in evs]


def check_sequences(evs, what):
    """ids strictly 1..n with no gaps, and every job's events form a legal path from creation."""
    ids = [e.get("id") for e in evs]
    expect(ids == list(range(1, len(evs) + 1)), f"{what}: ids are not 1..{len(evs)} in order: {ids[:12]}…")
    last = {}
    for e in evs:
        job, frm, to = e.get("job"), e.get("from"), e.get("to")
        if job not in last:
            expect(frm is None and to == "queued", f"{what}: first event of {job} is {frm}->{to}")
        else:
            expect(frm == last[job], f"{what}: {job} event {e['id']} starts at {frm}, job was {last[job]}")
            expect((frm, to) in EDGES, f"{what}: {job} event {e['id']} is an illegal edge {frm}->{to}")
        last[job] = to


# ---------------------------------------------------------------- board checks

def check_happy_path():
    b = new_board()
    j = b.create("build-1", max_retries=1)
    expect(j.state == "queued" and j.attempt == 1, f"new job is {j.state}/attempt {j.attempt}")
    expect(b.start("build-1").state == "running", "start does not give running")
    expect(b.fail("build-1").state == "failed", "fail does not give failed")
    r = b.retry("build-1")
    expect((r.state, r.attempt) == ("queued", 2), f"retry gives {r.state}/attempt {r.attempt}")
    b.start("build-1")
    expect(b.succeed("build-1").state == "succeeded", "succeed does not give succeeded")
    expect(state_of(b, "build-1") == "succeeded", "get does not show succeeded")
    try:
        b.create("build-1")
        raise Fail("duplicate create accepted")
    except ValueError:
        pass
    try:
        b.start("ghost")
        raise Fail("start on an unknown job accepted")
    except board_module().UnknownJob:
        pass
    return "queued->running->failed->retry->running->succeeded, duplicates and unknown jobs rejected"


def check_illegal_matrix():
    mod = board_module()
    expect(hasattr(mod, "IllegalTransition"), "jobboard.board.IllegalTransition does not exist")
    b = new_board()
    n = 0
    for state in ("queued", "running", "succeeded", "failed", "cancelling", "cancelled"):
        for action in ACTIONS:
            if (action, state) in ALLOWED:
                continue
            job_id = f"{state}-{action}"
            b.create(job_id, max_retries=3)
            drive_to(b, job_id, state)
            before = b.get(job_id)
            last_id = max([e["id"] for e in events(b)] or [0])
            try:
                getattr(b, action)(job_id)
                raise Fail(f"{action} accepted in state {state}")
            except mod.IllegalTransition as e:
                expect(getattr(e, "job_id", None) == job_id and getattr(e, "state", None) == state
                       and getattr(e, "action", None) == action,
                       f"IllegalTransition for {action} in {state} carries job_id/state/action = "
                       f"{getattr(e, 'job_id', None)}/{getattr(e, 'state', None)}/{getattr(e, 'action', None)}")
            after = b.get(job_id)
            expect((after.state, after.attempt) == (before.state, before.attempt),
                   f"rejected {action} changed {state} job to {after.state}/attempt {after.attempt}")
            expect(events(b, last_id) == [], f"rejected {action} in {state} recorded an event")
            n += 1
    return f"all {n} illegal (action, state) pairs raise IllegalTransition with job_id/state/action, no change"


def check_cancel_paths():
    mod = board_module()
    b = new_board()
    b.create("q")
    expect(b.cancel("q").state == "cancelled", "cancel on a queued job does not go straight to cancelled")
    b.create("r")
    b.start("r")
    expect(b.cancel("r").state == "cancelling", "cancel on a running job does not give cancelling")
    for action in ("succeed", "fail"):
        try:
            getattr(b, action)("r")
            raise Fail(f"{action} accepted while cancelling (cancellation must win)")
        except mod.IllegalTransition:
            pass
    expect(b.confirm_cancel("r").state == "cancelled", "confirm_cancel does not give cancelled")
    return "queued->cancelled, running->cancelling->cancelled, succeed/fail rejected while cancelling"


def check_retry_limit():
    mod = board_module()
    expect(hasattr(mod, "RetryLimitExceeded"), "jobboard.board.RetryLimitExceeded does not exist")
    expect(issubclass(mod.RetryLimitExceeded, mod.IllegalTransition),
           "RetryLimitExceeded is not a subclass of IllegalTransition")
    b = new_board()
    for limit in (0, 1, 3):
        job_id = f"limit-{limit}"
        b.create(job_id, max_retries=limit)
        for k in range(limit):
            b.start(job_id)
            b.fail(job_id)
            j = b.retry(job_id)
            expect((j.state, j.attempt) == ("queued", k + 2), f"retry {k + 1}/{limit} gives {j.state}/{j.attempt}")
        b.start(job_id)
        b.fail(job_id)
        try:
            b.retry(job_id)
            raise Fail(f"retry number {limit + 1} accepted with max_retries={limit}")
        except mod.RetryLimitExceeded as e:
            expect(getattr(e, "state", None) == "failed" and getattr(e, "action", None) == "retry",
                   f"RetryLimitExceeded carries state/action {getattr(e, 'state', None)}/{getattr(e, 'action', None)}")
        j = b.get(job_id)
        expect((j.state, j.attempt) == ("failed", limit + 1), f"rejected retry left {j.state}/attempt {j.attempt}")
    return "max_retries 0/1/3 allow exactly that many retries, then RetryLimitExceeded with no change"


def check_event_log():
    b = new_board()
    b.create("a", max_retries=1)
    b.create("b")
    b.start("a")
    b.fail("a")
    b.retry("a")
    b.cancel("b")
    try:
        b.succeed("b")
    except Exception:
        pass
    b.start("a")
    want = [
        (1, "a", None, "queued", 1), (2, "b", None, "queued", 1), (3, "a", "queued", "running", 1),
        (4, "a", "running", "failed", 1), (5, "a", "failed", "queued", 2), (6, "b", "queued", "cancelled", 1),
        (7, "a", "queued", "running", 2),
    ]
    got = [(e.get("id"), e.get("job"), e.get("from"), e.get("to"), e.get("attempt")) for e in events(b)]
    expect(got == want, f"events_after(0) = {got}")
    tail = [e.get("id") for e in events(b, 4)]
    expect(tail == [5, 6, 7], f"events_after(4) ids = {tail}")
    expect(events(b, 7) == [], "events_after(latest) is not empty")
    t0 = time.monotonic()
    waited = b.wait_for_events(7, 0.3)
    expect(waited == [] and time.monotonic() - t0 >= 0.25, "wait_for_events(latest, 0.3) did not wait and return []")
    threading.Timer(0.2, lambda: b.succeed("a")).start()
    got = b.wait_for_events(7, 3)
    expect([e.get("id") for e in got] == [8] and got[0].get("to") == "succeeded",
           f"wait_for_events did not wake up with event 8: {got}")
    return "7 events with exact ids/from/to/attempt; events_after and wait_for_events behave"


def check_start_race():
    mod = board_module()
    b = new_board()
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible to expose check-then-set races
    try:
        wins_per_job = []
        for k in range(25):
            job_id = f"race-{k}"
            b.create(job_id)
            barrier = threading.Barrier(6)
            wins, errors = [], []

            def worker():
                barrier.wait()
                try:
                    b.start(job_id)
                    wins.append(1)
                except mod.IllegalTransition:
                    pass
                except Exception as e:  # anything else is a failure of the board
                    errors.append(repr(e))

            threads = [threading.Thread(target=worker) for _ in range(6)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(5)
            expect(not errors, f"{job_id}: racing starts raised {errors[:2]}")
            wins_per_job.append(len(wins))
    finally:
        sys.setswitchinterval(old)
    expect(all(w == 1 for w in wins_per_job), f"successful starts per job: {wins_per_job}")
    running = [e for e in events(b) if e.get("to") == "running"]
    expect(len(running) == 25, f"{len(running)} running events for 25 jobs")
    return "25 jobs x 6 racing starts: exactly one start wins each time"


def check_burst():
    mod = board_module()
    b = new_board()
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    ok = []
    errors = []
    scripts = [
        ["start", "fail", "retry", "start", "succeed"],
        ["start", "cancel", "confirm_cancel"],
        ["cancel"],
        ["start", "fail", "retry", "start", "fail", "retry"],
    ]
    try:
        jobs = [f"burst-{i}" for i in range(48)]
        for i, job_id in enumerate(jobs):
            b.create(job_id, max_retries=1)
            ok.append(1)

        def driver(job_ids):
            # two drivers per job race through the same script; losers get IllegalTransition
            for i, job_id in enumerate(job_ids):
                for action in scripts[i % len(scripts)]:
                    try:
                        getattr(b, action)(job_id)
                        ok.append(1)
                    except mod.IllegalTransition:
                        pass
                    except Exception as e:
                        errors.append(f"{action} {job_id}: {e!r}")

        threads = []
        for t in range(8):
            mine = jobs[t * 6:(t + 1) * 6]
            threads.append(threading.Thread(target=driver, args=(mine,)))
            threads.append(threading.Thread(target=driver, args=(mine,)))
        for t in threads:
            t.start()
        for t in threads:
            t.join(8)
    finally:
        sys.setswitchinterval(old)
    expect(not errors, f"unexpected errors: {errors[:2]}")
    evs = events(b)
    check_sequences(evs, "burst")
    expect(len(evs) == len(ok), f"{len(evs)} events for {len(ok)} successful creations/actions")
    for job_id in (f"burst-{i}" for i in range(48)):
        last = [e for e in evs if e["job"] == job_id][-1]
        expect(last["to"] == state_of(b, job_id), f"{job_id}: last event says {last['to']}, job is {state_of(b, job_id)}")
    return f"16 threads, {len(evs)} events: ids 1..{len(evs)} without gaps, every job's events a legal path"


# ---------------------------------------------------------------- HTTP helpers

class Served:
    """The submitted server on 127.0.0.1 on a free port, serving in a daemon thread."""

    def __init__(self, board):
        import jobboard.server as srv
        self.server = srv.make_server(board, "127.0.0.1", 0)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        threading.Thread(target=self.server.shutdown, daemon=True).start()


def post(port, path, body=None):
    data = json.dumps(body).encode() if body is not None else b""
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=4) as resp:
            return resp.status, _json(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, _json(e.read())


def _json(raw):
    try:
        return json.loads(raw)
    except ValueError:
        return {"_raw": raw[:80].decode("utf-8", "replace")}


class Stream:
    """A raw SSE client on a plain socket: keeps the wire text and parses it strictly, block by block.

    A plain socket (not http.client) because a read that times out must leave the stream usable: the test
    waits for "nothing arrives", then for the next event on the same connection.
    """

    def __init__(self, port, last_event_id=None, timeout=4.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        extra = f"Last-Event-ID: {last_event_id}\r\n" if last_event_id is not None else ""
        self.sock.sendall((f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
                           f"Cache-Control: no-cache\r\n{extra}\r\n").encode())
        self.raw = b""        # bytes received, not yet decoded
        self.body = b""       # decoded body bytes, not yet split into lines
        self.eof = False
        self.chunked = False
        self.chunk_left = 0
        self.chunk_crlf = False
        self.blocks = []      # each: list of (field, value)
        self.problems = []    # wire-format violations
        self.wire = []
        self._current = []
        self.status, self.headers = self._read_head(time.monotonic() + timeout)
        self.chunked = "chunked" in self.headers.get("transfer-encoding", "").lower()
        self._decode()

    def _recv(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0 or self.eof:
            return False
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(65536)
        except (socket.timeout, TimeoutError):
            return False
        except OSError:
            data = b""
        if not data:
            self.eof = True
            return False
        self.raw += data
        return True

    def _read_head(self, deadline):
        while b"\r\n\r\n" not in self.raw:
            if not self._recv(deadline):
                raise Fail("no HTTP response head from GET /events")
        head, self.raw = self.raw.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        return status, headers

    def _decode(self):
        if not self.chunked:
            self.body += self.raw
            self.raw = b""
            return
        while True:
            if self.chunk_crlf:
                if len(self.raw) < 2:
                    return
                self.raw = self.raw[2:]
                self.chunk_crlf = False
            if self.chunk_left == 0:
                if b"\r\n" not in self.raw:
                    return
                size_line, self.raw = self.raw.split(b"\r\n", 1)
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.eof = True
                    return
                self.chunk_left = size
            take = self.raw[:self.chunk_left]
            if not take:
                return
            self.body += take
            self.raw = self.raw[len(take):]
            self.chunk_left -= len(take)
            if self.chunk_left == 0:
                self.chunk_crlf = True

    def _readline(self, deadline):
        while b"\n" not in self.body:
            if not self._recv(deadline):
                return None
            self._decode()
        line, self.body = self.body.split(b"\n", 1)
        return line + b"\n"

    def read(self, count, seconds):
        """Reads until `count` events (blocks) arrived or `seconds` passed; returns the events so far."""
        deadline = time.monotonic() + seconds
        while len(self.blocks) < count and self.status == 200:
            line = self._readline(deadline)
            if line is None:
                break
            self._feed(line.decode("utf-8", "replace"))
        return self.events()

    def _feed(self, line):
        self.wire.append(line)
        text = line.rstrip("\n").rstrip("\r")
        if text == "":
            if self._current:
                self.blocks.append(self._current)
                self._current = []
            return
        if text.startswith(":"):
            return  # comment / keep-alive
        field, sep, value = text.partition(":")
        if not sep:
            self.problems.append(f"line without a colon: {text[:40]!r}")
        value = value[1:] if value.startswith(" ") else value
        self._current.append((field, value))

    def events(self):
        out = []
        for block in self.blocks:
            fields = [f for f, _ in block]
            if fields == ["retry"]:
                continue
            ev = {"_fields": fields}
            for f, v in block:
                ev.setdefault(f, v)
            try:
                ev["_data"] = json.loads(ev.get("data", ""))
            except ValueError:
                ev["_data"] = None
            try:
                ev["_id"] = int(ev["id"]) if "id" in ev else None
            except ValueError:
                ev["_id"] = None
            out.append(ev)
        return out

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


def stream_ids(evs):
    return [e["_id"] for e in evs]


def populate(board, n_jobs=6):
    """Gives the board some history (several jobs, every kind of transition); returns the event count."""
    for i in range(n_jobs):
        board.create(f"job-{i}", max_retries=1)
    for i in range(n_jobs):
        j = f"job-{i}"
        board.start(j)
        if i % 3 == 0:
            board.fail(j)
            board.retry(j)
            board.start(j)
            board.succeed(j)
        elif i % 3 == 1:
            board.cancel(j)
            board.confirm_cancel(j)
        else:
            board.succeed(j)
    return len(board.events_after(0))


def same_as_log(evs, log):
    for e, want in zip(evs, log):
        d = e.get("_data") or {}
        if e["_id"] != want["id"] or any(d.get(k) != want[k] for k in ("job", "from", "to", "attempt")):
            return f"stream event {e['_id']} {d} differs from board event {want}"
    return None


# ---------------------------------------------------------------- HTTP checks

def check_sse_headers():
    b = new_board()
    populate(b, 2)
    srv = Served(b)
    s = Stream(srv.port)
    try:
        expect(s.status == 200, f"GET /events answered {s.status}")
        ctype = s.headers.get("content-type", "")
        cache = s.headers.get("cache-control", "")
        expect(ctype.split(";")[0].strip() == "text/event-stream", f"Content-Type is {ctype!r}")
        expect("no-cache" in cache, f"Cache-Control is {cache!r}")
        return f"200, Content-Type {ctype}, Cache-Control {cache}"
    finally:
        s.close()
        srv.close()


def check_sse_format():
    b = new_board()
    total = populate(b, 3)
    srv = Served(b)
    s = Stream(srv.port)
    try:
        expect(s.status == 200, f"GET /events answered {s.status}")
        evs = s.read(total, 3)
        expect(len(evs) == total, f"{len(evs)} of {total} events arrived as blank-line-terminated blocks")
        expect(not s.problems, s.problems[0] if s.problems else "")
        for e in evs:
            fields = e["_fields"]
            expect(fields.count("id") == 1, f"event block has {fields.count('id')} id: lines: {fields}")
            expect(e["_id"] is not None, f"id: {e.get('id')!r} is not an integer")
            expect(fields.count("event") == 1 and e.get("event") == "transition",
                   f"event block's event field is {e.get('event')!r} ({fields})")
            expect(fields.count("data") == 1, f"event {e['_id']} has {fields.count('data')} data: lines")
            expect(isinstance(e["_data"], dict), f"data of event {e['_id']} is not a JSON object: {e.get('data')!r}")
        problem = same_as_log(evs, b.events_after(0))
        expect(problem is None, problem)
        sample = "".join(s.wire[:4]).replace("\n", "\\n")
        return f"{total} events, each id:/event: transition/data: JSON + blank line; e.g. {sample[:90]}"
    finally:
        s.close()
        srv.close()


def check_replay_order():
    b = new_board()
    total = populate(b)
    srv = Served(b)
    try:
        for header in (None, "not-a-number"):
            s = Stream(srv.port, header)
            try:
                expect(s.status == 200, f"GET /events answered {s.status}")
                evs = s.read(total, 3)
                ids = stream_ids(evs)
                expect(ids == list(range(1, total + 1)),
                       f"Last-Event-ID {header!r}: ids {ids[:10]}… instead of 1..{total}")
                problem = same_as_log(evs, b.events_after(0))
                expect(problem is None, problem)
            finally:
                s.close()
        return f"a new client (and a bad Last-Event-ID) gets all {total} events in id order"
    finally:
        srv.close()


def check_reconnect():
    b = new_board()
    total = populate(b)
    srv = Served(b)
    try:
        s = Stream(srv.port, 12)
        try:
            expect(s.status == 200, f"GET /events answered {s.status}")
            evs = s.read(total - 12, 3)
            ids = stream_ids(evs)
            expect(ids == list(range(13, total + 1)), f"Last-Event-ID 12 replayed ids {ids[:10]}…")
        finally:
            s.close()
        s = Stream(srv.port, total)
        try:
            early = s.read(1, 0.6)
            expect(early == [], f"Last-Event-ID {total} (the latest) replayed {stream_ids(early)}")
            b.create("job-late")
            evs = s.read(1, 3)
            expect(stream_ids(evs) == [total + 1], f"after reconnecting at the head, got ids {stream_ids(evs)}")
        finally:
            s.close()
        return f"Last-Event-ID 12 resumes at 13..{total}; at the head only the next new event {total + 1} arrives"
    finally:
        srv.close()


def check_live():
    b = new_board()
    total = populate(b, 2)
    srv = Served(b)
    s = Stream(srv.port)
    try:
        expect(s.status == 200, f"GET /events answered {s.status}")
        expect(len(s.read(total, 3)) == total, "backlog did not arrive")
        threading.Timer(0.3, lambda: (b.create("live-1"), b.start("live-1"))).start()
        t0 = time.monotonic()
        evs = s.read(total + 2, 3)
        ids = stream_ids(evs[total:])
        expect(ids == [total + 1, total + 2], f"events recorded after connecting: got {ids} on the open stream")
        return f"2 events recorded while connected arrived on the open stream in {time.monotonic() - t0:.2f}s"
    finally:
        s.close()
        srv.close()


def check_http_errors():
    b = new_board()
    srv = Served(b)
    try:
        post(srv.port, "/jobs", {"id": "h1", "max_retries": 0})
        post(srv.port, "/jobs/h1/start")
        code, body = post(srv.port, "/jobs/h1/start")
        expect(code == 409 and body.get("error") == "illegal_transition" and body.get("state") == "running"
               and body.get("action") == "start", f"start on a running job: {code} {body}")
        post(srv.port, "/jobs/h1/fail")
        code, body = post(srv.port, "/jobs/h1/retry")
        expect(code == 409 and body.get("error") == "retry_limit_exceeded", f"retry past the limit: {code} {body}")
        code, body = post(srv.port, "/jobs/ghost/start")
        expect(code == 404 and body.get("error") == "unknown_job", f"unknown job: {code} {body}")
        code, body = post(srv.port, "/jobs/h1/explode")
        expect(code == 400, f"unknown action: {code} {body}")
        return "409 illegal_transition with state/action, 409 retry_limit_exceeded, 404, 400"
    finally:
        srv.close()


def check_http_burst():
    b = new_board()
    srv = Served(b)
    s = Stream(srv.port)
    try:
        expect(s.status == 200, f"GET /events answered {s.status}")
        errors = []

        def client(t):
            for i in range(5):
                job = f"c{t}-{i}"
                for path, body in (("/jobs", {"id": job}), (f"/jobs/{job}/start", None),
                                   (f"/jobs/{job}/succeed", None)):
                    code, _ = post(srv.port, path, body)
                    if code not in (200, 201):
                        errors.append(f"{path}: {code}")

        threads = [threading.Thread(target=client, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        evs = s.read(60, 6)
        for t in threads:
            t.join(5)
        expect(not errors, f"requests failed: {errors[:2]}")
        ids = stream_ids(evs)
        expect(ids == list(range(1, 61)), f"stream during a burst of 60 transitions: {len(ids)} ids {ids[:8]}…")
        problem = same_as_log(evs, b.events_after(0))
        expect(problem is None, problem)
        check_sequences([{"id": e["_id"], **(e["_data"] or {})} for e in evs], "streamed burst")
        return "60 transitions from 4 concurrent clients streamed live as ids 1..60, each job in legal order"
    finally:
        s.close()
        srv.close()


CHECKS = [
    ("happy", check_happy_path, 3), ("illegal", check_illegal_matrix, 3), ("cancel", check_cancel_paths, 3),
    ("retry", check_retry_limit, 3), ("log", check_event_log, 4), ("race", check_start_race, 6),
    ("burst", check_burst, 6), ("sse-headers", check_sse_headers, 4), ("sse-format", check_sse_format, 4),
    ("replay", check_replay_order, 5), ("reconnect", check_reconnect, 6), ("live", check_live, 5),
    ("http-errors", check_http_errors, 5), ("http-burst", check_http_burst, 8),
]


def run_one(fn, limit):
    box = {}

    def target():
        try:
            box["ok"] = (True, fn())
        except Fail as e:
            box["ok"] = (False, str(e))
        except BaseException as e:  # a broken submission fails the check, never the driver
            box["ok"] = (False, f"{type(e).__name__}: {e}")

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(limit)
    return box.get("ok", (False, f"timed out after {limit}s"))


def main():
    sys.path.insert(0, os.path.abspath(sys.argv[1]))
    nonce = sys.stdin.readline().strip()
    out = sys.stdout
    deadline = time.monotonic() + 22
    for name, fn, limit in CHECKS:
        left = deadline - time.monotonic()
        passed, evidence = run_one(fn, max(0.5, min(limit, left)))
        sys.setswitchinterval(0.005)  # a timed-out race check must not slow down the rest
        out.write(f"{nonce} CHECK {name} {'PASS' if passed else 'FAIL'} {' '.join(str(evidence).split())}\n")
        out.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
