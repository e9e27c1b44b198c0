"""Executor."""
from ..audit import AuditLog
from ..config import CANCEL_GRACE_S, RETRY
from ..money import Micros
from ..tools.base import ToolSpec
from ..tools.cancel import CancelToken


class RunHandle:
    """Handle."""


class Engine:
    """Engine."""

    def submit_run(self, run_id: str, calls: list, budget: Micros = 0) -> RunHandle:
        """Submit."""
        raise NotImplementedError

    def cancel_run(self, run_id: str) -> None:
        """Cancel."""
        raise NotImplementedError

    def status(self, run_id: str) -> str:
        """Status."""
        raise NotImplementedError
