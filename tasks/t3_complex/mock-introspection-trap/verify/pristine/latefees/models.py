"""The billing data the dunning job works on."""
from dataclasses import dataclass
from datetime import date
from typing import Optional


@dataclass(frozen=True)
class Invoice:
    id: str
    customer_id: int
    amount_cents: int
    currency: str
    due_date: date
    paid_on: Optional[date] = None

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None
