"""The audit log: an append-only, hash-chained JSON-lines file that compliance exports every night.

Format (docs/audit-log.md is the full reference):

    {"v": 1, "seq": 41, "at": "2024-05-02T10:01:02.123456Z", "run": "r-17", "kind": "call.result",
     "data": {...}, "prev": "<sha256 hex of the previous line's bytes>"}

Rules every writer must keep:

- Append only. A written line is never changed, reordered or removed; a correction is a new record.
- `kind` is one of KINDS. The set is closed: a new kind is a format change (v2) that needs a schema
  version bump and sign-off from compliance, whose exporter rejects unknown kinds.
- Write-ahead: the record describing an action is appended (and fsynced) *before* the action is
  performed. If the append fails, the action must not happen.
- One writer per file. AuditLog is not thread-safe; concurrent appends would interleave bytes and break
  the chain, so callers serialize them (one writer thread, or a lock around `append`).
- Secrets never enter the log: tool arguments are passed through `redact.redact_args` first.
"""
import hashlib
import json
import os
from datetime import datetime, timezone
from typing import Callable, List, Optional, Tuple

FORMAT_VERSION = 1
GENESIS = "0" * 64

KINDS = frozenset({
    "engine.started", "engine.recovered",
    "run.started", "run.cancel_requested", "run.cancelled", "run.finished",
    "call.requested", "call.attempt", "call.result", "call.abandoned",
    "budget.reserved", "budget.settled", "budget.denied",
})


class AuditError(Exception):
    """The log could not be written or read as the format requires."""


def _utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class AuditLog:
    """Appends records to one audit file. Not thread-safe: serialize calls to `append`."""

    def __init__(self, path: str, clock: Callable[[], str] = _utc_now, fsync: bool = True):
        self.path = path
        self._clock = clock
        self._fsync = fsync
        ok, self._seq, self._prev, problems = verify_chain(path)
        if not ok:
            raise AuditError(f"{path}: refusing to append to a damaged log: {problems[0]}")

    @property
    def last_seq(self) -> int:
        return self._seq

    def append(self, kind: str, run: Optional[str], data: dict) -> int:
        """Writes one record and returns its seq. Raises AuditError if it could not be written durably."""
        if kind not in KINDS:
            raise AuditError(f"unknown record kind {kind!r} (the kind set is closed; see docs/audit-log.md)")
        record = {"v": FORMAT_VERSION, "seq": self._seq + 1, "at": self._clock(), "run": run, "kind": kind,
                  "data": data, "prev": self._prev}
        line = json.dumps(record, separators=(",", ":"), sort_keys=True).encode("utf-8")
        try:
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                if _needs_newline(self.path):
                    os.write(fd, b"\n")      # a torn last line stays; we start a fresh one after it
                os.write(fd, line + b"\n")
                if self._fsync:
                    os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            raise AuditError(f"{self.path}: append failed: {e}") from e
        self._seq += 1
        self._prev = hashlib.sha256(line).hexdigest()
        return self._seq


def _needs_newline(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() == 0:
                return False
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) != b"\n"
    except OSError:
        return False


def read_records(path: str) -> List[dict]:
    """Every complete record of the log, in order (a torn last line is skipped)."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                out.append(json.loads(raw))
            except ValueError:
                continue
    return out


def verify_chain(path: str) -> Tuple[bool, int, str, List[str]]:
    """Checks seq order and the hash chain. Returns (ok, last seq, hash of the last line, problems).

    A torn line (the writer died mid-write) is reported but tolerated: the chain continues from the
    last complete record, and the torn bytes stay in the file.
    """
    problems: List[str] = []
    seq, prev = 0, GENESIS
    if not os.path.exists(path):
        return True, seq, prev, problems
    with open(path, "rb") as fh:
        lines = fh.read().split(b"\n")
    for i, raw in enumerate(lines):
        if raw == b"":
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            # A torn write: the chain skips it (the next record's prev names the last complete one).
            problems.append(f"line {i + 1}: torn write ({len(raw)} bytes), tolerated")
            continue
        if record.get("seq") != seq + 1:
            return False, seq, prev, [f"line {i + 1}: seq {record.get('seq')} after {seq}"]
        if record.get("prev") != prev:
            return False, seq, prev, [f"line {i + 1}: hash chain broken"]
        if record.get("kind") not in KINDS:
            return False, seq, prev, [f"line {i + 1}: unknown kind {record.get('kind')!r}"]
        seq, prev = record["seq"], hashlib.sha256(raw).hexdigest()
    return True, seq, prev, problems
