"""Starts the workspace's helpdesk server for the grader and stops it when told (lanebench driver).

Usage: python3 serve.py WORKSPACE WORKDIR

WORKDIR holds what the grader prepared (secret.key, fixture.json). The server listens on the unix
socket WORKDIR/api.sock and writes its database and outbox there; the last 4 KB of its output end up in
WORKDIR/server.log (kept in memory, so a chatty server cannot fill the disk).
This script makes no claims: the grader talks to the server itself. It stops the server when
WORKDIR/STOP appears, when the server exits, or after its own deadline, and prints the exit status.
"""
import collections
import os
import signal
import subprocess
import sys
import threading
import time

DEADLINE_S = 26.0


def main():
    ws, work = sys.argv[1], sys.argv[2]
    env = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "TZ") if k in os.environ}
    env.update({"PYTHONPATH": ws, "PYTHONDONTWRITEBYTECODE": "1"})
    cmd = [sys.executable, "-m", "helpdesk.server", "--db", os.path.join(work, "db.sqlite3"),
           "--secret-file", os.path.join(work, "secret.key"), "--listen", "unix:" + os.path.join(work, "api.sock"),
           "--fixture", os.path.join(work, "fixture.json"), "--outbox", os.path.join(work, "outbox"),
           "--password-iterations", "2000"]
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    tail = collections.deque(maxlen=64)

    def drain():
        for chunk in iter(lambda: proc.stdout.read1(4096), b""):
            tail.append(chunk[-4096:])

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    code = None
    try:
        end = time.monotonic() + DEADLINE_S
        stop = os.path.join(work, "STOP")
        while time.monotonic() < end and proc.poll() is None and not os.path.exists(stop):
            time.sleep(0.02)
        code = proc.poll()
        if code is None:
            for sig, wait in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 2.0)):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        else:
            try:  # anything the server left running in its group goes too
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    finally:
        reader.join(1.0)
        with open(os.path.join(work, "server.log"), "wb") as log:
            log.write(b"".join(tail)[-4096:])
    print(f"server exit {code}")


if __name__ == "__main__":
    main()
