"""Budget."""
from ..money import Micros


class BudgetExceeded(Exception):
    """Exceeded."""


class BudgetLedger:
    """Ledger."""

    def reserve(self, call_id: str, amount: Micros) -> None:
        """Reserve."""
        raise NotImplementedError

    def settle(self, call_id: str, amount: Micros) -> None:
        """Settle."""
        raise NotImplementedError

    def release(self, call_id: str) -> None:
        """Release."""
        raise NotImplementedError
