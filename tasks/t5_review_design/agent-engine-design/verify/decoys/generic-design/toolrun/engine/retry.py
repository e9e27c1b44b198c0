"""Exponential backoff with full jitter."""
import random
from dataclasses import dataclass

MAX_ATTEMPTS = 5


@dataclass
class RetryDecision:
    """Whether to retry and after how long."""
    retry: bool
    delay_s: float


class RetryPolicy:
    """Retries every transient error up to MAX_ATTEMPTS times."""

    def decide(self, spec, attempt: int, error: Exception) -> RetryDecision:
        """Backoff: random(0, min(30, 0.5 * 2 ** attempt))."""
        return RetryDecision(attempt < MAX_ATTEMPTS, random.uniform(0, min(30.0, 0.5 * 2 ** attempt)))
