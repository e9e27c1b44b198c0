"""Start-up recovery: read the audit log back and close what a crash left open, appending only."""
from dataclasses import dataclass, field
from typing import Dict, List

from ..audit import AuditLog, read_records, verify_chain
from ..tools.base import Tool


@dataclass
class RecoveryReport:
    last_seq: int
    open_calls: List[str] = field(default_factory=list)        # call.attempt without result/abandoned
    rerun: List[str] = field(default_factory=list)             # idempotent, scheduled as a new attempt
    unknown: List[str] = field(default_factory=list)           # non-idempotent, closed as unknown
    needs_review: List[str] = field(default_factory=list)      # run ids


def recover(audit: AuditLog, tools: Dict[str, Tool]) -> RecoveryReport:
    """Reads the log (verify_chain, read_records), finds in-doubt calls, appends `call.abandoned` for the
    non-idempotent ones and `engine.recovered`; never rewrites or removes a record."""
    raise NotImplementedError
