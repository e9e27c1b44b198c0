"""Per-run budgets in integer micros: reservations before each attempt, settled with the actual cost."""
from dataclasses import dataclass

from ..config import BUDGET, BudgetDefaults
from ..money import Micros


class BudgetExceeded(Exception):
    """A reservation would pass the run's spend limit or its attempt count (`max_calls`)."""

    def __init__(self, run_id: str, wanted: Micros, left: Micros):
        super().__init__(f"run {run_id}: {wanted} micros wanted, {left} left")
        self.run_id, self.wanted, self.left = run_id, wanted, left


@dataclass(frozen=True)
class Reservation:
    run_id: str
    call_id: str
    attempt: int
    micros: Micros


class BudgetLedger:
    """Spend and attempt counters per run. Thread-safe; amounts are Micros, never floats."""

    def open_run(self, run_id: str, spend: Micros = BUDGET.spend, max_calls: int = BUDGET.max_calls) -> None:
        """Starts accounting for a run with limits no higher than `config.BUDGET`."""
        raise NotImplementedError

    def reserve(self, run_id: str, call_id: str, attempt: int, amount: Micros) -> Reservation:
        """Sets `amount` aside and counts one attempt; raises BudgetExceeded instead of going over."""
        raise NotImplementedError

    def settle(self, reservation: Reservation, actual: Micros) -> Micros:
        """Charges the actual cost and returns what was released from the reservation."""
        raise NotImplementedError

    def release(self, reservation: Reservation) -> None:
        """Drops a reservation whose attempt never started (the attempt still counts)."""
        raise NotImplementedError

    def left(self, run_id: str) -> Micros:
        """Spend still available to the run."""
        raise NotImplementedError
