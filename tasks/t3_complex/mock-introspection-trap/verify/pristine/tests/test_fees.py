import unittest
from datetime import date

from latefees.fees import fee_due, late_fee_cents
from latefees.models import Invoice


def invoice(amount_cents=25000, due=date(2024, 3, 1), paid_on=None):
    return Invoice("INV-1", 1042, amount_cents, "EUR", due, paid_on)


class FeesTest(unittest.TestCase):
    def test_fee_is_five_percent_within_bounds(self):
        self.assertEqual(1250, late_fee_cents(invoice(25000)))
        self.assertEqual(500, late_fee_cents(invoice(3000)))
        self.assertEqual(5000, late_fee_cents(invoice(500000)))

    def test_fee_due_after_grace_period(self):
        self.assertFalse(fee_due(invoice(), date(2024, 3, 8)))
        self.assertTrue(fee_due(invoice(), date(2024, 3, 9)))

    def test_paid_invoices_owe_nothing(self):
        self.assertFalse(fee_due(invoice(paid_on=date(2024, 3, 5)), date(2024, 4, 1)))


if __name__ == "__main__":
    unittest.main()
