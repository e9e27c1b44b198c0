"""Operational settings of toolrun. Changing a value here needs the owner named next to it to agree."""
from dataclasses import dataclass
from typing import Tuple

from .money import Micros, micros


@dataclass(frozen=True)
class RetryRule:
    """When a failed tool call may be tried again.

    Owner: platform on-call. History: INC-2291, where a timed-out `send_invoice` was retried and 412
    customers were invoiced twice. Since then:

    - only tools whose spec says `idempotent=True` are ever retried automatically;
    - a call is tried at most `max_attempts` times in total (the first try included);
    - only the error kinds in `retry_on` are retried; everything else fails at once;
    - the waits between tries are `backoff_s[i]` seconds (no jitter needed at our volume);
    - a non-idempotent call whose outcome was lost (timeout, connection reset after the request was
      sent) is never retried: its outcome is recorded as "unknown" and the run goes to human review.
    """
    max_attempts: int = 3
    backoff_s: Tuple[float, ...] = (0.5, 2.0)
    retry_on: Tuple[str, ...] = ("timeout", "rate_limited", "unavailable")
    idempotent_only: bool = True


RETRY = RetryRule()


@dataclass(frozen=True)
class BudgetDefaults:
    """Per-run limits unless the run asks for less. Owner: finance (spend), platform (calls)."""
    spend: Micros = micros("2.50")
    max_calls: int = 200          # tool call attempts, retries included


BUDGET = BudgetDefaults()

# Seconds a cancelled run's in-flight tool calls get to finish or stop on their own (see
# docs/tools.md, "Cancellation"). Owner: platform.
CANCEL_GRACE_S = 5.0

AUDIT_LOG_PATH = "var/audit/toolrun.jsonl"
