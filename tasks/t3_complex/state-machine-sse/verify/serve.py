"""Server host of state-machine-sse: runs the workspace's HTTP server for the grader, which tests it from outside.

Reads {"workspace", "servers": [{"name", "populate": [[action or "create", job_id(, max_retries)], ...]}],
"yield": {job id prefix: seconds}, "lifetime_s"} as JSON on stdin. For each server: a fresh JobBoard, the
populate operations applied to it directly, then make_server(board, "127.0.0.1", 0) serving in a thread, and
a relay from the Unix socket <name>.sock in the current folder to that port (the grader runs in another
process and, once sandboxed, in another network namespace, so it reaches the server through the folder both
see). <name>.ready or <name>.error is written when the server is up or could not start. The host exits when
the file "stop" appears or after lifetime_s.

Races are forced, not hoped for: Job.state is replaced by an accessor that, for jobs whose id starts with a
prefix of "yield", sleeps on the first read of each state value by each request thread. Two requests racing
on one job then both sit between reading the state and acting on it, unless the board makes the check and
the change one atomic step; a lock-free board loses the race every time.
"""
import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

request = json.loads(sys.stdin.read())
HERE = Path.cwd()


class YieldingState:
    """A data descriptor for Job.state that widens check-then-set windows for the chosen jobs."""

    def __init__(self, inner, prefixes: dict):
        self.inner, self.prefixes = inner, prefixes
        self.local = threading.local()

    def __get__(self, obj, owner=None):
        if obj is None:
            return self.inner.__get__(None, owner) if hasattr(self.inner, "__get__") else self.inner
        value = self.inner.__get__(obj, owner) if hasattr(self.inner, "__set__") else obj.__dict__["state"]
        delay = next((s for p, s in self.prefixes.items() if str(getattr(obj, "id", "")).startswith(p)), 0)
        if delay and threading.current_thread() is not threading.main_thread():
            seen = getattr(self.local, "seen", None)
            if seen is None:
                seen = self.local.seen = set()
            key = (str(getattr(obj, "id", "")), value)
            if key not in seen:
                seen.add(key)
                time.sleep(delay)
        return value

    def __set__(self, obj, value):
        if hasattr(self.inner, "__set__"):
            self.inner.__set__(obj, value)
        else:
            obj.__dict__["state"] = value


def install_yield(board_module, prefixes: dict) -> str:
    job = getattr(board_module, "Job", None)
    if not isinstance(job, type) or "state" not in vars(job) and "state" not in getattr(job, "__annotations__", {}):
        return "no Job.state field to instrument"
    inner = vars(job).get("state", "queued")
    setattr(job, "state", YieldingState(inner, prefixes))
    return ""


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    for s, how in ((dst, socket.SHUT_WR), (src, socket.SHUT_RD)):
        try:
            s.shutdown(how)
        except OSError:
            pass


def relay(listener, port):
    while True:
        client, _ = listener.accept()
        try:
            upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
            upstream.settimeout(None)
            upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            client.close()
            continue
        threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


def start(spec, b, srv):
    name = spec["name"]
    board = b.JobBoard()
    for op in spec.get("populate", []):
        if op[0] == "create":
            board.create(op[1], op[2]) if len(op) > 2 else board.create(op[1])
        else:
            getattr(board, op[0])(op[1])
    server = srv.make_server(board, "127.0.0.1", 0)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(f"{name}.sock")  # relative: the folder's absolute path may be too long for a socket address
    listener.listen(64)
    threading.Thread(target=relay, args=(listener, port), daemon=True).start()


def main():
    deadline = time.monotonic() + request.get("lifetime_s", 25)
    try:
        sys.path.insert(0, request["workspace"])
        import jobboard.board as b
        import jobboard.server as srv
        note = install_yield(b, request.get("yield", {}))
        (HERE / "yield.note").write_text(note)
    except BaseException as e:
        for spec in request["servers"]:
            (HERE / f"{spec['name']}.error").write_text(f"jobboard does not import: {type(e).__name__}: {e}"[:300])
        os._exit(0)
    for spec in request["servers"]:
        try:
            start(spec, b, srv)
            (HERE / f"{spec['name']}.ready").write_text("ok")
        except BaseException as e:  # one broken server fails its checks, not the others
            (HERE / f"{spec['name']}.error").write_text(f"{type(e).__name__}: {e}"[:300])
    while time.monotonic() < deadline and not (HERE / "stop").exists():
        time.sleep(0.05)
    os._exit(0)


if __name__ == "__main__":
    main()
