"""Payment gateway client.

Vendored from payments-sdk 2.3.1 (python/payments_sdk/client.py). DO NOT EDIT: upgrades replace this
file wholesale. Report problems upstream.
"""
import json
import urllib.request
from dataclasses import dataclass
from typing import Optional


class PaymentError(Exception):
    """The gateway refused a request (card declined, unknown customer, bad amount, ...)."""


@dataclass(frozen=True)
class Receipt:
    """A successful charge."""
    charge_id: str
    amount_cents: int
    currency: str
    customer_id: int


@dataclass(frozen=True)
class Refund:
    """A successful (partial or full) refund of a charge."""
    refund_id: str
    charge_id: str
    amount_cents: int


class PaymentGateway:
    """Client of the gateway's REST API (v2)."""

    def __init__(self, base_url: str, api_key: str, timeout: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def charge(self, amount_cents: int, customer_id: int, currency: str = "EUR", *,
               idempotency_key: Optional[str] = None, description: str = "") -> Receipt:
        """Charges `amount_cents` to the card on file of `customer_id`.

        `idempotency_key`: requests with the same key are executed at most once by the gateway.
        Raises PaymentError when the charge is refused.
        """
        if not isinstance(amount_cents, int) or amount_cents <= 0:
            raise PaymentError(f"amount must be a positive number of cents: {amount_cents!r}")
        payload = {"amount": amount_cents, "customer": customer_id, "currency": currency,
                   "description": description}
        data = self._post("/v2/charges", payload, idempotency_key)
        return Receipt(data["id"], data["amount"], data["currency"], data["customer"])

    def refund(self, charge_id: str, amount_cents: Optional[int] = None, *,
               reason: str = "requested_by_customer") -> Refund:
        """Refunds `amount_cents` of the charge `charge_id` (the whole charge when None)."""
        payload = {"charge": charge_id, "reason": reason}
        if amount_cents is not None:
            payload["amount"] = amount_cents
        data = self._post("/v2/refunds", payload)
        return Refund(data["id"], data["charge"], data["amount"])

    def _post(self, path: str, payload: dict, idempotency_key: Optional[str] = None) -> dict:
        headers = {"Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        req = urllib.request.Request(self.base_url + path, data=json.dumps(payload).encode(),
                                     headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as e:
            raise PaymentError(f"{e.code}: {e.read()[:200]!r}") from None
