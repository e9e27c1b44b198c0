"""The retry decision, straight from `config.RETRY` (the INC-2291 rule)."""
from dataclasses import dataclass
from typing import Optional

from ..config import RETRY, RetryRule
from ..tools.base import ToolError, ToolSpec


@dataclass(frozen=True)
class RetryDecision:
    retry: bool
    wait_s: Optional[float]       # backoff before the next attempt when retry is True
    outcome: str                  # final outcome when not retrying: "error" or "unknown"
    reason: str


class RetryPolicy:
    """Decides whether a failed attempt is tried again. Pure: no clock, no I/O."""

    def __init__(self, rule: RetryRule = RETRY):
        self.rule = rule

    def decide(self, spec: ToolSpec, attempt: int, error: ToolError) -> RetryDecision:
        """Retry only idempotent tools, only for `rule.retry_on` kinds, at most `rule.max_attempts`
        attempts in total; a non-idempotent call with a lost outcome ends as "unknown" (human review)."""
        raise NotImplementedError
