"""Spend tracking in USD."""


class BudgetExceeded(Exception):
    """The run spent more than its budget."""


class BudgetLedger:
    """Adds up what each run spent."""

    def reserve(self, run_id: str, amount_usd: float) -> None:
        """Records an expected cost."""
        raise NotImplementedError

    def settle(self, run_id: str, amount_usd: float) -> None:
        """Adds the actual cost of a call."""
        raise NotImplementedError

    def release(self, run_id: str, amount_usd: float) -> None:
        """Forgets an expected cost."""
        raise NotImplementedError
