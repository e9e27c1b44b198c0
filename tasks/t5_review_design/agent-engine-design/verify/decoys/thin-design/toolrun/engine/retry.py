"""Retry."""
from ..config import RETRY
from ..tools.base import ToolError, ToolSpec


class RetryDecision:
    """Decision."""


class RetryPolicy:
    """Policy."""

    def decide(self, spec: ToolSpec, attempt: int, error: ToolError) -> RetryDecision:
        """Decide."""
        raise NotImplementedError
