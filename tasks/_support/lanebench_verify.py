"""The verify contract of lanebench (DESIGN.md section 3) in one place, for verify scripts of the catalogue.

A verify script adds this folder to sys.path, builds a Grader, records named checks with one-line evidence,
and calls finish(). Agent code is only ever run in a subprocess with a scrubbed environment, so it can neither
see LANEBENCH_RESULT nor write the grade itself.
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


def run(cmd: list, cwd: Path, timeout: float = 20, stdin: str = None, env: dict = None):
    """Runs agent code in a subprocess with a scrubbed environment; never raises on timeout.

    Returns (exit_code, stdout, stderr); exit_code is None on timeout.
    """
    try:
        p = subprocess.run(cmd, cwd=str(cwd), input=stdin, capture_output=True, text=True,
                           timeout=timeout, env=safe_env(env))
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
