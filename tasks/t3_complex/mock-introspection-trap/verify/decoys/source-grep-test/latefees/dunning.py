"""The nightly dunning job and the back-office "waive fee" action."""
import logging
from datetime import date

from .fees import fee_due, late_fee_cents
from .ledger import FeeLedger

log = logging.getLogger(__name__)


def assess_late_fees(invoices, today: date, gateway, ledger: FeeLedger) -> list:
    """Charges the late fee of every invoice that owes one and was not charged yet.

    Returns (invoice id, gateway charge id) for each fee charged in this run.
    """
    charged = []
    for invoice in invoices:
        if not fee_due(invoice, today) or ledger.has_fee(invoice.id):
            continue
        fee = late_fee_cents(invoice)
        receipt = gateway.charge(fee, invoice.customer_id, invoice.currency,
                                 description=f"Late fee for invoice {invoice.id}")
        ledger.record(invoice.id, fee, receipt.charge_id)
        log.info("late fee %s charged for %s", fee, invoice.id)
        charged.append((invoice.id, receipt.charge_id))
    return charged


def waive_fee(invoice_id: str, gateway, ledger: FeeLedger, reason: str = "goodwill"):
    """Refunds the late fee charged for an invoice and marks it waived (support's "waive" button)."""
    entry = ledger.get(invoice_id)
    if entry is None:
        raise ValueError(f"no late fee recorded for {invoice_id}")
    if entry.waived:
        raise ValueError(f"the late fee for {invoice_id} is already waived")
    gateway.refund(entry.charge_id, entry.fee_cents, reason=reason)
    return ledger.mark_waived(invoice_id)
