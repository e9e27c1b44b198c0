"""Unit tests for invoicesvc: auth tokens, paging and the handlers against an in-memory database."""
import os
import sys
import unittest
from types import SimpleNamespace

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from invoicesvc.auth import account_from_header, AuthError, sign, verify_token  # noqa: E402
from invoicesvc.db import Database  # noqa: E402
from invoicesvc.handlers import Handlers  # noqa: E402
from invoicesvc.paging import paginate  # noqa: E402


class AuthTest(unittest.TestCase):
    def test_round_trip(self):
        self.assertEqual(verify_token(sign("acme", "k"), "k"), "acme")

    def test_wrong_key_rejected(self):
        self.assertIsNone(verify_token(sign("acme", "k"), "other"))

    def test_header_required(self):
        with self.assertRaises(AuthError):
            account_from_header(None, "k")


class PagingTest(unittest.TestCase):
    def test_pages(self):
        p = paginate(list(range(40)), 2, 20)
        self.assertEqual(p.items, list(range(20, 40)))
        self.assertEqual(p.pages, 2)
        self.assertFalse(p.has_next)


class HandlersTest(unittest.TestCase):
    def setUp(self):
        self.db = Database(":memory:")
        self.h = Handlers(self.db, SimpleNamespace(page_size=20, export_dir="exports"))

    def tearDown(self):
        self.db.close()

    def test_create_and_get(self):
        status, body = self.h.create_invoice("acme", {"customer": "Bob", "amount_cents": 500})
        self.assertEqual(status, 201)
        status, body = self.h.get_invoice("acme", body["id"])
        self.assertEqual(body["invoice"]["customer"], "Bob")

    def test_other_account_cannot_read(self):
        _, body = self.h.create_invoice("acme", {"customer": "Bob", "amount_cents": 500})
        status, _ = self.h.get_invoice("globex", body["id"])
        self.assertEqual(status, 404)

    def test_redeem(self):
        _, body = self.h.create_invoice("acme", {"customer": "Bob", "amount_cents": 500})
        self.db.add_credit("acme", 800)
        status, out = self.h.redeem("acme", {"invoice_id": body["id"]})
        self.assertEqual((status, out["balance_cents"]), (200, 300))


if __name__ == "__main__":
    unittest.main()
