"""Tests of the dunning job against a gateway double that has the real client's API.

The doubles are autospecced from the vendored PaymentGateway: a misspelt method, a wrong argument list or
an attribute the real Receipt does not have fails here instead of in production. (A bare MagicMock accepts
all of those, which is how the INV-7 incident got past a green test suite.)
"""
import inspect
import unittest
from datetime import date
from unittest.mock import create_autospec

from latefees.dunning import assess_late_fees, waive_fee
from latefees.gateway import PaymentGateway, Receipt, Refund
from latefees.ledger import FeeLedger
from latefees.models import Invoice

TODAY = date(2024, 3, 20)


def invoice(invoice_id="INV-1", customer_id=1042, amount_cents=25000, due=date(2024, 3, 1), paid_on=None,
            currency="EUR"):
    return Invoice(invoice_id, customer_id, amount_cents, currency, due, paid_on)


def fake_gateway():
    """An autospecced gateway whose charge/refund answer like the real one would."""
    gateway = create_autospec(PaymentGateway, instance=True)
    counter = iter(range(1, 1000))

    def charge(amount_cents, customer_id, currency="EUR", *, idempotency_key=None, description=""):
        return Receipt(f"ch_{next(counter)}", amount_cents, currency, customer_id)

    def refund(charge_id, amount_cents=None, *, reason="requested_by_customer"):
        return Refund(f"re_{next(counter)}", charge_id, amount_cents)

    gateway.charge.side_effect = charge
    gateway.refund.side_effect = refund
    return gateway


def bound(method, call):
    """The arguments of a recorded call by parameter name, as the real method would see them."""
    args = inspect.signature(method).bind(None, *call.args, **call.kwargs)
    args.apply_defaults()
    return args.arguments


class AssessLateFeesTest(unittest.TestCase):
    def setUp(self):
        self.gateway = fake_gateway()
        self.ledger = FeeLedger()

    def test_charges_overdue_invoice(self):
        charged = assess_late_fees([invoice()], TODAY, self.gateway, self.ledger)
        self.assertEqual(1, len(charged))
        self.gateway.charge.assert_called_once()
        self.assertTrue(self.ledger.has_fee("INV-1"))
        self.assertEqual(1250, self.ledger.get("INV-1").fee_cents)

    def test_charges_the_fee_to_the_invoice_customer(self):
        # INV-7: customer 1042 owes 12.50; the job charged 10.42 to customer 1250
        assess_late_fees([invoice("INV-7", customer_id=1042, amount_cents=25000)], TODAY, self.gateway, self.ledger)
        args = bound(PaymentGateway.charge, self.gateway.charge.call_args)
        self.assertEqual((1250, 1042, "EUR"), (args["amount_cents"], args["customer_id"], args["currency"]))

    def test_charges_in_the_invoice_currency(self):
        assess_late_fees([invoice(currency="USD")], TODAY, self.gateway, self.ledger)
        self.assertEqual("USD", bound(PaymentGateway.charge, self.gateway.charge.call_args)["currency"])

    def test_records_the_gateway_charge_id(self):
        charged = assess_late_fees([invoice()], TODAY, self.gateway, self.ledger)
        self.assertEqual([("INV-1", "ch_1")], charged)
        self.assertEqual("ch_1", self.ledger.get("INV-1").charge_id)

    def test_uses_an_idempotency_key_per_invoice(self):
        assess_late_fees([invoice("INV-1"), invoice("INV-2")], TODAY, self.gateway, self.ledger)
        keys = [bound(PaymentGateway.charge, c)["idempotency_key"] for c in self.gateway.charge.call_args_list]
        self.assertTrue(all(keys) and len(set(keys)) == 2, keys)

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
        self.gateway = fake_gateway()
        self.ledger = FeeLedger()
        self.ledger.record("INV-1", 1250, "ch_1")

    def test_waive_refunds_and_marks_waived(self):
        waive_fee("INV-1", self.gateway, self.ledger)
        self.assertTrue(self.ledger.get("INV-1").waived)
        self.assertEqual(1, len(self.gateway.method_calls))

    def test_waive_refunds_the_recorded_charge(self):
        waive_fee("INV-1", self.gateway, self.ledger)
        args = bound(PaymentGateway.refund, self.gateway.refund.call_args)
        self.assertEqual("ch_1", args["charge_id"])
        self.assertIn(args["amount_cents"], (1250, None))

    def test_cannot_waive_twice_or_unknown(self):
        waive_fee("INV-1", self.gateway, self.ledger)
        with self.assertRaises(ValueError):
            waive_fee("INV-1", self.gateway, self.ledger)
        with self.assertRaises(ValueError):
            waive_fee("INV-404", self.gateway, self.ledger)


if __name__ == "__main__":
    unittest.main()
