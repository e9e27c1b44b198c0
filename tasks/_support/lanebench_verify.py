"""The verify contract of lanebench in one place, for the verify scripts of the catalogue.

A verify script adds this folder to sys.path, builds a Grader, records named checks with one-line evidence,
and calls finish(). Agent code is only ever run through run(): in a subprocess with a scrubbed environment and,
when the harness provides one (LANEBENCH_SANDBOX), inside the lane's kind of sandbox, where it sees the system's
tools, its working folder, the workspace and what the grader exposes, and nothing else: not verify/, not the
result file, not the grader's process, no network.
"""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

# Environment handed to agent code: enough to run python3/javac, nothing of the harness.
_SAFE_ENV_KEYS = ("PATH", "LANG", "LC_ALL", "JAVA_HOME", "TZ")


def workspace() -> Path:
    """The finished workspace to grade."""
    return Path(os.environ["LANEBENCH_WORKSPACE"]).resolve()


def transcript_events() -> list:
    """The attempt's normalized transcript events (an empty list when there is none, e.g. standalone runs)."""
    path = os.environ.get("LANEBENCH_TRANSCRIPT")
    if not path or not Path(path).is_file():
        return []
    events = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict):  # a stray non-object line must not crash the grader
                events.append(event)
    return events


def tool_calls(kind: str = None) -> list:
    """Tool-call events of the transcript, optionally of one normalized kind (read, write, edit, run, ...)."""
    return [e for e in transcript_events()
            if e.get("type") == "tool_call" and (kind is None or e.get("tool") == kind)]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).is_file() else ""


def safe_env(extra: dict = None) -> dict:
    env = {k: os.environ[k] for k in _SAFE_ENV_KEYS if k in os.environ}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra or {})
    return env


def _sandbox_spec():
    """The harness's description of how to sandbox agent code, or None to run it plainly."""
    raw = os.environ.get("LANEBENCH_SANDBOX")
    if not raw:
        return None
    spec = json.loads(raw)
    return spec if spec.get("prefix") else None


def _grader_dir() -> Path:
    main = sys.modules.get("__main__")
    return Path(getattr(main, "__file__", ".")).resolve().parent


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def sandboxed(cmd: list, cwd: Path, expose=(), writable=(), env: dict = None) -> list:
    """The command line that runs cmd in the sandbox (unchanged when there is none).

    Writable: cwd, the workspace, each path of writable, and every other existing path named as an argument of
    cmd (a database or a settings file the grader made for the code to use; for a path that does not exist yet,
    its folder). Read-only: each path of expose (a
    file or a sub-folder of the grader's folder, e.g. hidden tests), and each argument that is a file in the
    grader's own folder (a driver script), that file alone. The system's folders are always there, read-only.
    The grader's folder itself is never shown, nor is anything that holds it.
    """
    argv = [str(a) for a in cmd]
    spec = _sandbox_spec()
    if spec is None:
        return argv
    here = _grader_dir()
    system = [Path(p) for p in spec.get("system", [])]
    rw, readable = [], []

    def add(target: list, path: Path):
        if not any(_inside(path, w) for w in rw + readable):
            target.append(path)

    def refuse(path: Path, why: str):
        raise ValueError(f"lanebench_verify.run: {path} {why}; agent code must not see the grader's folder")

    cwd = Path(cwd).resolve()
    if _inside(cwd, here) or _inside(here, cwd):
        refuse(cwd, "(cwd) holds or is in the grader's folder")
    add(rw, cwd)
    ws = os.environ.get("LANEBENCH_WORKSPACE")
    if ws:
        add(rw, Path(ws).resolve())
    for p in (Path(e).resolve() for e in writable):
        if _inside(here, p) or _inside(p, here):
            refuse(p, "(writable) is or holds or lies in the grader's folder")
        add(rw, p)
    for p in (Path(e).resolve() for e in expose):
        if _inside(here, p):
            refuse(p, "(exposed) is or holds the grader's folder")
        add(readable, p)
    for a in argv:
        p = Path(a)
        if not p.is_absolute():
            continue
        if not p.exists():
            # a file the code is to create: its folder must be there, writable
            if not p.parent.is_dir():
                continue
            p = p.parent
        p = p.resolve()
        if any(_inside(p, s) for s in system):
            continue
        if _inside(p, here):
            if not p.is_file():
                refuse(p, "(an argument) is a folder of the grader's")
            add(readable, p)
        elif _inside(here, p):
            refuse(p, "(an argument) holds the grader's folder")
        else:
            add(rw, p)
    def fill(template, value):
        return [t.replace("{path}", str(value)).replace("{kv}", str(value)) for t in template]

    line = list(spec["prefix"])
    for w in rw:
        line += fill(spec["bind"], w)
    for r in readable:
        line += fill(spec["robind"], r)
    if spec.get("env"):
        for k, v in (env or {}).items():
            line += fill(spec["env"], f"{k}={v}")
    line += fill(spec["chdir"], cwd) + list(spec["separator"])
    return line + argv


def run(cmd: list, cwd: Path, timeout: float = 20, stdin: str = None, env: dict = None, expose=(), writable=()):
    """Runs agent code in a subprocess with a scrubbed environment, in the sandbox when there is one (see
    sandboxed()); never raises on timeout.

    Returns (exit_code, stdout, stderr); exit_code is None on timeout.
    """
    run_env = safe_env(env)
    if _sandbox_spec() is not None:
        run_env.setdefault("HOME", "/tmp")
    line = sandboxed(cmd, cwd, expose, writable, run_env)
    try:
        p = subprocess.run(line, cwd=str(cwd), input=stdin, capture_output=True, text=True,
                           timeout=timeout, env=run_env)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return None, _text(e.stdout), _text(e.stderr)


def _text(b) -> str:
    if b is None:
        return ""
    return b.decode("utf-8", "replace") if isinstance(b, bytes) else b


def one_line(text, limit: int = 200) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


class Grader:
    """Collects named checks and writes the result JSON of the verify contract."""

    def __init__(self):
        self.checks = []
        self.cap_score = None
        self.cap_reason = None

    def check(self, name: str, passed: bool, evidence: str = "", weight: float = 1.0) -> bool:
        self.checks.append({"name": name, "passed": bool(passed), "weight": weight,
                            "evidence": one_line(evidence)})
        return bool(passed)

    def attempt(self, name: str, fn, weight: float = 1.0) -> bool:
        """Runs fn() -> (passed, evidence) and records it; an exception is a failed check, not a crash."""
        try:
            passed, evidence = fn()
        except Exception as e:  # a broken submission must fail the check, not the grader
            passed, evidence = False, f"{type(e).__name__}: {e}"
        return self.check(name, passed, evidence, weight)

    def cap(self, max_score: float, reason: str):
        """Caps the final score (gaming detected: edited tests, broken budget rules, ...)."""
        if self.cap_score is None or max_score < self.cap_score:
            self.cap_score, self.cap_reason = max_score, reason

    def score(self) -> float:
        total = sum(c["weight"] for c in self.checks)
        got = sum(c["weight"] for c in self.checks if c["passed"])
        s = 5.0 * got / total if total else 0.0
        if self.cap_score is not None:
            s = min(s, self.cap_score)
        return round(s, 4)

    def finish(self, evidence: str = None):
        passed = sum(1 for c in self.checks if c["passed"])
        summary = evidence or f"{passed}/{len(self.checks)} checks pass"
        if self.cap_reason:
            summary += f"; capped at {self.cap_score}: {self.cap_reason}"
        result = {"score": self.score(), "checks": self.checks, "evidence": one_line(summary, 300)}
        out = os.environ.get("LANEBENCH_RESULT")
        if out:
            Path(out).write_text(json.dumps(result, indent=1), encoding="utf-8")
        for c in self.checks:
            print(("PASS " if c["passed"] else "FAIL ") + c["name"] + (": " + c["evidence"] if c["evidence"] else ""))
        print(f"score {result['score']}  ({result['evidence']})")
        sys.exit(0)
