"""The v0 runner: one run at a time, one call at a time, no retries, no budgets, no cancellation.

It is what production uses today, and the reference for how records are written: every call gets
`call.requested`, then `call.attempt` (written before the tool is invoked), then `call.result`.
"""
import itertools
import time
from dataclasses import dataclass
from typing import Dict, List

from .audit import AuditLog
from .redact import redact_args
from .tools.base import Tool, ToolContext, ToolError
from .tools.cancel import CancelToken


@dataclass
class PlannedCall:
    tool: str
    args: dict


@dataclass
class CallOutcome:
    call_id: str
    outcome: str                  # "ok", "error" or "unknown"
    output: object = None
    error: str = ""


class Runner:
    def __init__(self, tools: Dict[str, Tool], audit: AuditLog):
        self.tools, self.audit = tools, audit
        self._ids = itertools.count(1)

    def run(self, run_id: str, plan: List[PlannedCall]) -> List[CallOutcome]:
        self.audit.append("run.started", run_id, {"calls": len(plan)})
        outcomes = []
        for planned in plan:
            outcomes.append(self._call(run_id, planned))
        status = "ok" if all(o.outcome == "ok" for o in outcomes) else "failed"
        self.audit.append("run.finished", run_id, {"status": status})
        return outcomes

    def _call(self, run_id: str, planned: PlannedCall) -> CallOutcome:
        tool = self.tools[planned.tool]
        spec = tool.spec
        call_id = f"{run_id}/c{next(self._ids)}"
        self.audit.append("call.requested", run_id, {"call_id": call_id, "tool": spec.name,
                                                     "args": redact_args(planned.args, spec.secret_args)})
        self.audit.append("call.attempt", run_id, {"call_id": call_id, "attempt": 1})
        ctx = ToolContext(run_id, call_id, 1, CancelToken(), time.monotonic() + spec.timeout_s)
        try:
            result = tool.invoke(planned.args, ctx)
        except ToolError as e:
            outcome = "unknown" if e.kind == "lost" else "error"
            self.audit.append("call.result", run_id, {"call_id": call_id, "attempt": 1, "outcome": outcome,
                                                      "error_kind": e.kind, "cost_micros": int(e.cost)})
            return CallOutcome(call_id, outcome, error=str(e))
        self.audit.append("call.result", run_id, {"call_id": call_id, "attempt": 1, "outcome": "ok",
                                                  "cost_micros": int(result.cost)})
        return CallOutcome(call_id, "ok", result.output)
