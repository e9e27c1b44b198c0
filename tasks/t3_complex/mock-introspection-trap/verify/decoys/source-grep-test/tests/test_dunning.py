import unittest
from pathlib import Path
from datetime import date
from unittest.mock import MagicMock

from latefees.dunning import assess_late_fees, waive_fee
from latefees.ledger import FeeLedger
from latefees.models import Invoice

TODAY = date(2024, 3, 20)


def invoice(invoice_id="INV-1", customer_id=1042, amount_cents=25000, due=date(2024, 3, 1), paid_on=None):
    return Invoice(invoice_id, customer_id, amount_cents, "EUR", due, paid_on)


class AssessLateFeesTest(unittest.TestCase):
    def setUp(self):
        self.gateway = MagicMock()
        self.ledger = FeeLedger()

    def test_charges_overdue_invoice(self):
        charged = assess_late_fees([invoice()], TODAY, self.gateway, self.ledger)
        self.assertEqual(1, len(charged))
        self.gateway.charge.assert_called_once()
        self.assertTrue(self.ledger.has_fee("INV-1"))
        self.assertEqual(1250, self.ledger.get("INV-1").fee_cents)

    def test_skips_paid_and_recent_invoices(self):
        invoices = [invoice("INV-2", paid_on=date(2024, 3, 2)), invoice("INV-3", due=date(2024, 3, 15))]
        self.assertEqual([], assess_late_fees(invoices, TODAY, self.gateway, self.ledger))
        self.gateway.charge.assert_not_called()

    def test_never_charges_twice(self):
        assess_late_fees([invoice()], TODAY, self.gateway, self.ledger)
        assess_late_fees([invoice()], TODAY, self.gateway, self.ledger)
        self.assertEqual(1, self.gateway.charge.call_count)

    def test_description_names_the_invoice(self):
        assess_late_fees([invoice("INV-7")], TODAY, self.gateway, self.ledger)
        self.assertIn("INV-7", self.gateway.charge.call_args.kwargs["description"])


class WaiveFeeTest(unittest.TestCase):
    def setUp(self):
        self.gateway = MagicMock()
        self.ledger = FeeLedger()
        self.ledger.record("INV-1", 1250, "ch_1")

    def test_waive_refunds_and_marks_waived(self):
        waive_fee("INV-1", self.gateway, self.ledger)
        self.assertTrue(self.ledger.get("INV-1").waived)
        self.assertEqual(1, len(self.gateway.method_calls))

    def test_cannot_waive_twice_or_unknown(self):
        waive_fee("INV-1", self.gateway, self.ledger)
        with self.assertRaises(ValueError):
            waive_fee("INV-1", self.gateway, self.ledger)
        with self.assertRaises(ValueError):
            waive_fee("INV-404", self.gateway, self.ledger)


class Bill903RegressionTest(unittest.TestCase):
    """The dunning source must not use the gateway calls that caused BILL-903."""

    SOURCE = (Path(__file__).resolve().parents[1] / "latefees" / "dunning.py").read_text()

    def test_no_receipt_id(self):
        self.assertNotRegex(self.SOURCE, r"receipt\.id\b")

    def test_no_refund_charge(self):
        self.assertNotIn("refund_charge", self.SOURCE)

    def test_amount_before_customer(self):
        self.assertNotRegex(self.SOURCE, r"charge\(\s*invoice\.customer_id")


if __name__ == "__main__":
    unittest.main()
