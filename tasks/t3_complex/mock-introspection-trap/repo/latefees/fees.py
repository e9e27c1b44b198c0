"""How big a late fee is, and from when it is due."""
from datetime import date, timedelta

from .models import Invoice

GRACE_DAYS = 7
FEE_PERCENT = 5
MIN_FEE_CENTS = 500
MAX_FEE_CENTS = 5000


def fee_due(invoice: Invoice, today: date) -> bool:
    """An unpaid invoice owes a late fee once the grace period after its due date is over."""
    return not invoice.is_paid and today > invoice.due_date + timedelta(days=GRACE_DAYS)


def late_fee_cents(invoice: Invoice) -> int:
    """5 % of the invoice amount, at least 5.00 and at most 50.00 in the invoice's currency."""
    return min(MAX_FEE_CENTS, max(MIN_FEE_CENTS, invoice.amount_cents * FEE_PERCENT // 100))
