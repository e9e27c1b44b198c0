"""Re-queues unfinished work after a restart."""
from dataclasses import dataclass, field
from typing import List


class AuditLog:
    """Audit events in SQLite; rows are updated as calls progress."""

    def update_status(self, call_id: str, status: str) -> None:
        """Sets the status column of a call's row."""
        raise NotImplementedError


@dataclass
class RecoveryReport:
    """What recovery re-queued."""
    requeued: List[str] = field(default_factory=list)


def recover(audit: AuditLog) -> RecoveryReport:
    """Marks running calls pending again and re-queues every unfinished call."""
    raise NotImplementedError
