"""The fee ledger: which late fees were charged, under which gateway charge, and whether they were waived."""
import threading
from dataclasses import dataclass, replace
from typing import Optional


@dataclass(frozen=True)
class FeeEntry:
    invoice_id: str
    fee_cents: int
    charge_id: str
    waived: bool = False


class FeeLedger:
    """In-memory ledger; the service persists it through its repository layer (not part of this package)."""

    def __init__(self):
        self._entries = {}
        self._lock = threading.Lock()

    def record(self, invoice_id: str, fee_cents: int, charge_id: str) -> FeeEntry:
        with self._lock:
            if invoice_id in self._entries:
                raise ValueError(f"a late fee for {invoice_id} is already recorded")
            entry = FeeEntry(invoice_id, fee_cents, charge_id)
            self._entries[invoice_id] = entry
            return entry

    def has_fee(self, invoice_id: str) -> bool:
        with self._lock:
            return invoice_id in self._entries

    def get(self, invoice_id: str) -> Optional[FeeEntry]:
        with self._lock:
            return self._entries.get(invoice_id)

    def mark_waived(self, invoice_id: str) -> FeeEntry:
        with self._lock:
            entry = replace(self._entries[invoice_id], waived=True)
            self._entries[invoice_id] = entry
            return entry

    def entries(self) -> list:
        with self._lock:
            return list(self._entries.values())
