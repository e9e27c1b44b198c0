"""Engine entry point."""
from dataclasses import dataclass
from typing import Any, Dict, List, Optional


class CancelToken:
    """Set when a run is cancelled."""

    def __init__(self):
        self.cancelled = False


@dataclass
class RunHandle:
    """Handle of a submitted run."""
    run_id: str


class Engine:
    """Schedules tool calls on a pool of worker processes."""

    def submit_run(self, run_id: str, plan: List[Dict[str, Any]], budget_usd: float = 5.0) -> RunHandle:
        """Queues the run's calls."""
        raise NotImplementedError

    def cancel_run(self, run_id: str) -> None:
        """Terminates the run's workers and drops its queued calls."""
        raise NotImplementedError

    def status(self, run_id: str) -> Optional[str]:
        """Current status of the run."""
        raise NotImplementedError
