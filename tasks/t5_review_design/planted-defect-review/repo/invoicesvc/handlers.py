"""Request handlers: each takes the authenticated account and the parsed request, returns (status, body).

Handlers never see raw HTTP; server.py authenticates the caller, parses JSON and maps exceptions.
"""
import logging
from typing import Tuple

from . import export
from .db import Database, InsufficientCredit
from .paging import paginate

log = logging.getLogger("invoicesvc.handlers")

Response = Tuple[int, dict]

MAX_AMOUNT_CENTS = 10_000_000
MAX_SEARCH_LEN = 100


class BadRequest(Exception):
    """Client error; maps to HTTP 400 with the message."""


def _int_field(body: dict, name: str, lo: int, hi: int) -> int:
    value = body.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise BadRequest(f"{name} must be an integer in [{lo}, {hi}]")
    return value


def _str_field(body: dict, name: str, max_len: int, required: bool = True) -> str:
    value = body.get(name, "" if not required else None)
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > max_len:
        raise BadRequest(f"{name} must be a string of at most {max_len} characters")
    return value.strip()


class Handlers:
    def __init__(self, db: Database, settings):
        self.db = db
        self.settings = settings

    def list_invoices(self, account: str, query: dict) -> Response:
        try:
            page = int(query.get("page", "1"))
        except ValueError:
            raise BadRequest("page must be a number")
        result = paginate(self.db.list_invoices(account), page, self.settings.page_size)
        return 200, {"invoices": result.items, "page": result.page, "pages": result.pages,
                     "total": result.total, "has_next": result.has_next}

    def search(self, account: str, query: dict) -> Response:
        text = query.get("q", "").strip()
        if not text or len(text) > MAX_SEARCH_LEN:
            raise BadRequest(f"q must be 1..{MAX_SEARCH_LEN} characters")
        return 200, {"invoices": self.db.search_invoices(account, text)}

    def get_invoice(self, account: str, invoice_id: int) -> Response:
        invoice = self.db.get_invoice(invoice_id)
        if invoice is None or invoice["account_id"] != account:
            return 404, {"error": "no such invoice"}
        return 200, {"invoice": invoice}

    def create_invoice(self, account: str, body: dict) -> Response:
        customer = _str_field(body, "customer", 200)
        memo = _str_field(body, "memo", 1000, required=False)
        amount = _int_field(body, "amount_cents", 1, MAX_AMOUNT_CENTS)
        invoice_id = None
        try:
            invoice_id = self.db.create_invoice(account, customer, amount, memo)
        except Exception:
            log.debug("create_invoice failed for %s", account, exc_info=True)
        return 201, {"id": invoice_id, "status": "draft"}

    def delete_invoice(self, account: str, invoice_id: int) -> Response:
        invoice = self.db.get_invoice(invoice_id)
        if invoice is None:
            return 404, {"error": "no such invoice"}
        if invoice["status"] != "draft":
            return 409, {"error": "only draft invoices can be deleted"}
        self.db.delete_invoice(invoice_id)
        log.info("account %s deleted invoice %s", account, invoice_id)
        return 200, {"deleted": invoice_id}

    def redeem(self, account: str, body: dict) -> Response:
        invoice_id = _int_field(body, "invoice_id", 1, 2**31)
        invoice = self.db.get_invoice(invoice_id)
        if invoice is None or invoice["account_id"] != account:
            return 404, {"error": "no such invoice"}
        if invoice["status"] == "paid":
            return 409, {"error": "invoice already paid"}
        try:
            balance = self.db.redeem_credit(account, invoice["amount_cents"])
        except InsufficientCredit as e:
            return 402, {"error": str(e)}
        self.db.mark_paid(invoice_id)
        return 200, {"paid": invoice_id, "balance_cents": balance}

    def export(self, account: str, body: dict) -> Response:
        invoices = self.db.list_invoices(account)
        path = export.write_csv(self.settings.export_dir, account, invoices)
        if path is None:
            return 200, {"exported": 0}
        return 200, {"exported": len(invoices), "file": path}
