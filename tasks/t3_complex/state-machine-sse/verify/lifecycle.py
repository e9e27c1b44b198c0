"""The lifecycle of docs/lifecycle.md as a reference model, for judging what the submitted board did.

Grader-side only: scripts of board operations are replayed here to get the observations a correct board
produces (job snapshots, rejections with their attributes, the event log), and the driver's observations of
the submitted board are compared with them.
"""
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
STATES = ("queued", "running", "succeeded", "failed", "cancelling", "cancelled")
EDGES = {(frm, to) for (_, frm), to in ALLOWED.items()}
PATH_TO = {"queued": [], "running": ["start"], "succeeded": ["start", "succeed"], "failed": ["start", "fail"],
           "cancelling": ["start", "cancel"], "cancelled": ["cancel"]}


class Model:
    """A correct board: jobs, their states and the event log."""

    def __init__(self):
        self.jobs, self.events = {}, []

    def apply(self, op: list):
        """The observation a correct board gives for one driver op (see board_probe.py)."""
        kind = op[0]
        if kind == "create":
            job_id, retries = op[1], op[2] if len(op) > 2 else 2
            if job_id in self.jobs:
                return {"error": "ValueError", "value_error": True}
            self.jobs[job_id] = {"id": job_id, "state": "queued", "attempt": 1, "max_retries": retries}
            self._record(job_id, None)
            return dict(self.jobs[job_id])
        if kind == "get":
            return dict(self.jobs[op[1]]) if op[1] in self.jobs else {"error": "UnknownJob", "unknown": True}
        if kind == "events":
            return [dict(e) for e in self.events if e["id"] > op[1]]
        if kind in ACTIONS:
            return self.act(kind, op[1])
        raise ValueError(f"no model for {kind}")

    def act(self, action: str, job_id: str):
        job = self.jobs.get(job_id)
        if job is None:
            return {"error": "UnknownJob", "unknown": True}
        target = ALLOWED.get((action, job["state"]))
        limit = action == "retry" and target and job["attempt"] - 1 >= job["max_retries"]
        if target is None or limit:
            return {"error": "RetryLimitExceeded" if limit else "IllegalTransition", "illegal": True,
                    "retry_limit": bool(limit), "job_id": job_id, "state": job["state"], "action": action}
        if action == "retry":
            job["attempt"] += 1
        previous, job["state"] = job["state"], target
        self._record(job_id, previous)
        return dict(job)

    def _record(self, job_id, previous):
        job = self.jobs[job_id]
        self.events.append({"id": len(self.events) + 1, "job": job_id, "from": previous, "to": job["state"],
                            "attempt": job["attempt"]})


def matches(got, want) -> bool:
    """Does an observation of the submitted board match what the model expects?"""
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(
            isinstance(g, dict) and all(g.get(k) == w[k] for k in ("id", "job", "from", "to", "attempt"))
            for g, w in zip(got, want))
    if "error" in want:
        if not isinstance(got, dict) or "error" not in got:
            return False
        flags = ("illegal", "retry_limit", "unknown", "value_error")
        if any(bool(got.get(f)) != bool(want.get(f)) for f in flags if f in want):
            return False
        return all(got.get(k) == want[k] for k in ("job_id", "state", "action") if k in want)
    return isinstance(got, dict) and "error" not in got and all(got.get(k) == want[k] for k in want)


def legal_paths(events: list, what: str) -> str:
    """'' when ids are 1..n without gaps and every job's events form a legal path from creation."""
    ids = [e.get("id") for e in events]
    if ids != list(range(1, len(events) + 1)):
        return f"{what}: ids are not 1..{len(events)} in order: {ids[:12]}…"
    last = {}
    for e in events:
        job, frm, to = e.get("job"), e.get("from"), e.get("to")
        if job not in last:
            if frm is not None or to != "queued":
                return f"{what}: first event of {job} is {frm}->{to}"
        elif frm != last[job]:
            return f"{what}: {job} event {e['id']} starts at {frm}, the job was {last[job]}"
        elif (frm, to) not in EDGES:
            return f"{what}: {job} event {e['id']} is an illegal edge {frm}->{to}"
        last[job] = to
    return ""
