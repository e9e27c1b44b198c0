"""The engine: accepts runs and executes their tool calls concurrently."""
from dataclasses import dataclass
from enum import Enum
from typing import Dict, List, Optional

from ..audit import AuditLog
from ..config import CANCEL_GRACE_S
from ..money import Micros
from ..runner import PlannedCall
from ..tools.base import Tool
from ..tools.cancel import CancelToken
from .budget import BudgetLedger
from .retry import RetryPolicy


class RunStatus(str, Enum):
    RUNNING = "running"
    FINISHED = "finished"
    BUDGET_EXHAUSTED = "budget_exhausted"
    CANCELLING = "cancelling"
    CANCELLED = "cancelled"
    NEEDS_REVIEW = "needs_review"
    HALTED = "halted"             # the audit log could not be written


@dataclass
class RunHandle:
    run_id: str
    cancel: CancelToken           # shared by every ToolContext of the run

    def wait(self, timeout: Optional[float] = None) -> RunStatus:
        """Blocks until the run ends or `timeout` passes; returns the status then."""
        raise NotImplementedError


class Engine:
    """Owns the worker pool, the single audit writer thread, the ledger and the retry policy."""

    def __init__(self, tools: Dict[str, Tool], audit: AuditLog, ledger: BudgetLedger,
                 retry: RetryPolicy = RetryPolicy(), workers: int = 8, cancel_grace_s: float = CANCEL_GRACE_S):
        """`audit` is used by the writer thread only (AuditLog is not thread-safe)."""
        raise NotImplementedError

    def submit_run(self, run_id: str, plan: List[PlannedCall], budget: Optional[Micros] = None) -> RunHandle:
        """Writes `run.started` and schedules the plan; raises if the audit log cannot be written."""
        raise NotImplementedError

    def add_call(self, run_id: str, call: PlannedCall) -> str:
        """Adds a call the agent asked for while the run is going; returns its call id."""
        raise NotImplementedError

    def cancel_run(self, run_id: str, by: str, reason: str) -> None:
        """Writes `run.cancel_requested`, sets the run's CancelToken, waits up to the grace period for
        in-flight calls, abandons the rest and writes `run.cancelled`. Idempotent."""
        raise NotImplementedError

    def status(self, run_id: str) -> RunStatus:
        """The run's current status."""
        raise NotImplementedError
