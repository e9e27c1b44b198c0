"""The verify contract of lanebench in one place, for the verify scripts of the catalogue.

A verify script adds this folder to sys.path, builds a Grader, records named checks with one-line evidence,
and calls finish(). Agent code is only ever run through run(): in a subprocess with a scrubbed environment and,
when the harness provides one (LANEBENCH_SANDBOX), inside the lane's kind of sandbox, where it sees the system's
tools, its working folder, the workspace and what the grader exposes, and nothing else: not verify/, not the
result file, not the grader's process, no network.

Two rules keep a grade honest when the agent's code is hostile:

- Whatever a process that ran agent code prints is a claim by that code. A driver therefore reports raw
  observations (return values, exceptions, what a call did), and the grader judges them against expectations
  the driver never sees, or confirms them from outside (reads the database back, makes the HTTP requests
  itself). run_driver() frames the one record a driver prints with a nonce and refuses a missing or doubled
  record; the nonce separates the driver's line from stray output, it is no proof of origin, since agent code
  in the driver's process can read it.
- Workspace content is hostile too: read_text() and copy_tree() turn a missing file, a folder where a file
  belongs, undecodable bytes or a huge file into a failed check instead of a grader crash (a crashed grader is
  a verify_error, which would take the attempt out of the medians).
"""
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

# The interpreter agent code runs under: the system's python3 found on PATH (/usr/bin/python3 inside the
# sandbox), not necessarily the one running the grader.
PYTHON = "python3"

# Largest workspace file a grader reads as text, and largest file copied into a scratch copy of a workspace.
TEXT_LIMIT = 2_000_000
COPY_LIMIT = 16_000_000

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
    """Content hash of a file; "" when it is missing, not a regular file, unreadable or over COPY_LIMIT."""
    try:
        p = Path(path)
        if not p.is_file() or p.stat().st_size > COPY_LIMIT:
            return ""
        return hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        return ""


def read_text(path, limit: int = TEXT_LIMIT) -> tuple:
    """(text, "") for a workspace file, or (None, why not); never raises.

    Undecodable bytes become U+FFFD and a leading byte-order mark is dropped; a file over `limit` bytes is
    refused rather than read.
    """
    p = Path(path)
    try:
        if p.is_dir():
            return None, f"{p.name} is a folder, not a file"
        if not p.is_file():
            return None, f"{p.name} missing" if not p.exists() else f"{p.name} is not a regular file"
        size = p.stat().st_size
        if size > limit:
            return None, f"{p.name} is {size} bytes, over the {limit}-byte limit"
        with open(p, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        return None, f"{p.name} unreadable: {e.strerror or e}"
    return data.decode("utf-8", "replace").removeprefix("\ufeff"), ""


def copy_tree(src, dst, skip=(".git", "__pycache__"), limit: int = COPY_LIMIT) -> list:
    """Copies a workspace (or part of it) for running agent code in scratch; returns what it left out.

    Regular files, folders and symlinks (copied as links) only; names in `skip` and files over `limit`
    bytes are left out, so a huge file cannot stall the grader.
    """
    src, dst = Path(src), Path(dst)
    left_out = []
    dst.mkdir(parents=True, exist_ok=True)
    if not src.is_dir():
        return [str(src)]
    for root, dirs, files in os.walk(src):
        rel = Path(root).relative_to(src)
        dirs[:] = [d for d in dirs if d not in skip]
        for d in list(dirs):
            if os.path.islink(os.path.join(root, d)):
                dirs.remove(d)
                files.append(d)
            else:
                (dst / rel / d).mkdir(exist_ok=True)
        for name in files:
            if name in skip:
                continue
            s, t = Path(root) / name, dst / rel / name
            try:
                if s.is_symlink():
                    os.symlink(os.readlink(s), t)
                elif s.is_file() and s.stat().st_size <= limit:
                    shutil.copyfile(s, t)
                else:
                    left_out.append(str(rel / name))
            except OSError:
                left_out.append(str(rel / name))
    return left_out


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


def find_in_root(ws: Path, name: str) -> Path:
    """`ws/name`, or a file in ws whose name matches it ignoring case (`review.md`); `ws/name` if none."""
    exact = ws / name
    if exact.exists():
        return exact
    try:
        for p in ws.iterdir():
            if p.name.lower() == name.lower():
                return p
    except OSError:
        pass
    return exact


def suite_gate(g, ws: Path, given: Path, folders, tests: int, cap: float, timeout: float = 15) -> bool:
    """Runs the repo's own unittest suite from pristine copies (`given/<folder>` for each folder) against
    the workspace's code, as a gate: a pass (exit 0, "OK", exactly `tests` tests) is only what a process
    running agent code says about itself, so it is recorded with no weight; a failure caps the score.
    """
    import re
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory(prefix="lb-suite-") as tmp:
        for folder in folders:
            shutil.copytree(Path(given) / folder, Path(tmp) / folder)
        code, _, err = run([sys.executable, "-S", "-m", "unittest", "discover", "-s", "tests", "-t", "."],
                           cwd=Path(tmp), timeout=timeout, env={"PYTHONPATH": str(ws)})
    ran = re.findall(r"^Ran (\d+) tests? in", err, re.M)
    ok = code == 0 and ran == [str(tests)] and re.search(r"^OK\s*$", err, re.M) is not None
    tail = err.strip().splitlines()[-1] if err.strip() else f"no output (exit {code})"
    g.check("the repo's existing tests still pass (pristine copies; gate, no weight)", ok,
            f"{ran[0] if ran else '?'} tests; {one_line(tail, 120)}", 0.0)
    if not ok:
        g.cap(cap, "the existing test suite no longer passes")
    return ok


def markdown_blocks(lines) -> list:
    """A markdown body as blocks: list items (with their continuation and nested lines), table rows
    (separator rows dropped) and paragraphs. Blank lines and headings end a block; headings are not blocks."""
    import re
    item = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+\S")
    row = re.compile(r"^\s*\|")
    sep = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$|^\s*\|?\s*:?-{2,}")
    heading = re.compile(r"^\s{0,3}#{1,6}\s+\S")
    blocks, cur = [], []

    def flush():
        if cur:
            blocks.append("\n".join(cur))
            cur.clear()

    for line in lines:
        if not line.strip() or heading.match(line):
            flush()
        elif row.match(line):
            flush()
            if not sep.match(line):
                blocks.append(line)
        else:
            if item.match(line):
                flush()
            cur.append(line)
    flush()
    return blocks

def run_driver(cmd: list, cwd: Path, request, timeout: float = 20, env: dict = None, expose=(), writable=()) -> tuple:
    """Runs a driver and returns (record, "") or (None, why there is no record).

    `request` (a dict) goes to the driver's stdin as JSON with a fresh "nonce" added; a str request goes as
    "<nonce>\\n<request>". The driver prints exactly one line "<nonce> <JSON object>"; no such line, two of
    them (something forged one) or a line that is not a JSON object all give no record.
    """
    nonce = secrets.token_hex(16)
    stdin = json.dumps({**request, "nonce": nonce}) if isinstance(request, dict) else f"{nonce}\n{request}"
    code, out, err = run(cmd, cwd, timeout=timeout, stdin=stdin, env=env, expose=expose, writable=writable)
    return driver_record(out, nonce, code, err)


def driver_record(out: str, nonce: str, code=0, err: str = "") -> tuple:
    """The one "<nonce> <JSON object>" line of a driver's output: (record, "") or (None, why not)."""
    lines = [line for line in (out or "").splitlines() if line.startswith(nonce + " ")]
    if len(lines) > 1:
        return None, f"{len(lines)} result lines carry the nonce (one was forged): record refused"
    if not lines:
        if code is None:
            return None, "driver timed out"
        return None, f"driver gave no result (exit {code}): {one_line((err or '')[-300:], 150)}"
    try:
        record = json.loads(lines[0][len(nonce) + 1:])
    except ValueError:
        return None, "driver result is not JSON"
    if not isinstance(record, dict):
        return None, "driver result is not a JSON object"
    return record, ""


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
