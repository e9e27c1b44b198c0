"""Observation driver of the mock-introspection-trap task (lanebench); run by verify.py in a subprocess.

Reads {"nonce", "workspace", "gateway"} as JSON on stdin: "gateway" is a copy of the pristine vendored client
(the client is not the agent's to change), which replaces the workspace's latefees.gateway. Then it runs the
dunning job and the waive action against gateway doubles that have the real client's API (autospecced mocks
and a PaymentGateway subclass that records the HTTP payloads it would send) and prints one line: nonce + JSON
of what happened: the calls each double received (bound to the real signature), the ledger afterwards, and
what was raised. Nothing is judged here; verify.py holds the expected calls.
"""
import importlib.util
import inspect
import json
import os
import sys
import threading
import types
from datetime import date
from unittest.mock import MagicMock, create_autospec

request = json.loads(sys.stdin.read())
TODAY = date(2024, 3, 20)


def load():
    sys.path.insert(0, request["workspace"])
    import latefees
    spec = importlib.util.spec_from_file_location("latefees.gateway", request["gateway"])
    gateway = importlib.util.module_from_spec(spec)
    sys.modules["latefees.gateway"] = gateway
    spec.loader.exec_module(gateway)
    latefees.gateway = gateway
    import latefees.dunning as dunning
    import latefees.ledger as ledger
    import latefees.models as models
    return types.SimpleNamespace(gw=gateway, dunning=dunning, ledger=ledger, models=models)


def invoices(m):
    Invoice = m.models.Invoice
    return [
        Invoice("INV-7", 1042, 25000, "EUR", date(2024, 3, 1)),
        Invoice("INV-8", 77, 3000, "USD", date(2024, 2, 1)),
        Invoice("INV-9", 5001, 400000, "EUR", date(2024, 1, 15)),
        Invoice("INV-10", 9, 10000, "EUR", date(2024, 3, 18)),
    ]


def plain(value):
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return repr(value)[:80]


def bound(method, call):
    """The call's arguments by parameter name of the real signature; {"unbindable": ...} when they do not fit."""
    try:
        args = inspect.signature(method).bind(None, *call.args, **call.kwargs)
    except TypeError as e:
        return {"unbindable": str(e)[:80]}
    args.apply_defaults()
    return {k: plain(v) for k, v in args.arguments.items() if k != "self"}


def raised(e):
    return None if e is None else {"type": type(e).__name__, "value_error": isinstance(e, ValueError),
                                   "message": str(e)[:120]}


def attempt(fn):
    try:
        return fn(), None
    except Exception as e:  # what was raised is part of the observation
        return None, e


def ledger_rows(ledger):
    return sorted([plain(e.invoice_id), plain(e.fee_cents), plain(e.charge_id), bool(e.waived)]
                  for e in ledger.entries())


class Recording:
    """Factory for a real PaymentGateway whose _post records the payload instead of calling the network."""

    @staticmethod
    def make(m):
        class Recorder(m.gw.PaymentGateway):
            def __init__(self):
                super().__init__("https://gateway.invalid", "sk_test_hidden")
                self.posts = []

            def _post(self, path, payload, idempotency_key=None):
                self.posts.append([path, {k: plain(v) for k, v in dict(payload).items()}, idempotency_key])
                n = len(self.posts)
                if path == "/v2/charges":
                    return {"id": f"ch_{n}", "amount": payload["amount"], "currency": payload["currency"],
                            "customer": payload["customer"]}
                if path == "/v2/refunds":
                    return {"id": f"re_{n}", "charge": payload["charge"], "amount": payload.get("amount", 0)}
                raise m.gw.PaymentError(f"404 {path}")

        return Recorder()


def charge_calls(m):
    """A lenient autospecced gateway: which charges does the job ask for?"""
    gateway = create_autospec(m.gw.PaymentGateway, instance=True)
    gateway.charge.return_value = MagicMock(charge_id="ch_lenient", id="ch_lenient")
    _, error = attempt(lambda: m.dunning.assess_late_fees(invoices(m), TODAY, gateway, m.ledger.FeeLedger()))
    return {"charges": [bound(m.gw.PaymentGateway.charge, c) for c in gateway.charge.call_args_list],
            "raised": raised(error)}


def receipts(m):
    """An autospecced gateway answering with real Receipt objects: what does the ledger record?"""
    gateway = create_autospec(m.gw.PaymentGateway, instance=True)
    counter = iter(range(1, 1000))

    def charge(amount_cents, customer_id, currency="EUR", *, idempotency_key=None, description=""):
        return m.gw.Receipt(f"ch_{next(counter)}", amount_cents, currency, customer_id)

    gateway.charge.side_effect = charge
    ledger = m.ledger.FeeLedger()
    returned, error = attempt(lambda: m.dunning.assess_late_fees(invoices(m), TODAY, gateway, ledger))
    return {"ledger": ledger_rows(ledger), "returned": plain([list(map(plain, r)) for r in returned])
            if isinstance(returned, list) else plain(returned), "raised": raised(error)}


def two_nights(m):
    """The real client (recording its payloads), two nightly runs in a row."""
    gateway = Recording.make(m)
    ledger = m.ledger.FeeLedger()
    _, error = attempt(lambda: m.dunning.assess_late_fees(invoices(m), TODAY, gateway, ledger))
    first = list(gateway.posts)
    second_error = None
    if error is None:
        _, second_error = attempt(lambda: m.dunning.assess_late_fees(invoices(m), TODAY, gateway, ledger))
    return {"first_night": first, "second_night": gateway.posts[len(first):], "ledger": ledger_rows(ledger),
            "raised": raised(error or second_error)}


def waive(m):
    """The waive action: against an autospecced refund(), then the real client, then refused repeats."""
    gateway = create_autospec(m.gw.PaymentGateway, instance=True)
    gateway.refund.return_value = m.gw.Refund("re_1", "ch_42", 1250)
    ledger = m.ledger.FeeLedger()
    ledger.record("INV-7", 1250, "ch_42")
    _, error = attempt(lambda: m.dunning.waive_fee("INV-7", gateway, ledger))
    entry = ledger.get("INV-7")
    out = {"refunds": [bound(m.gw.PaymentGateway.refund, c) for c in gateway.refund.call_args_list],
           "waived": bool(entry and entry.waived), "raised": raised(error)}
    real = Recording.make(m)
    ledger2 = m.ledger.FeeLedger()
    ledger2.record("INV-8", 500, "ch_7")
    _, error = attempt(lambda: m.dunning.waive_fee("INV-8", real, ledger2))
    out["real_posts"] = list(real.posts)
    out["real_raised"] = raised(error)
    repeats = []
    for bad in ("INV-8", "INV-404"):
        before = len(real.posts)
        _, error = attempt(lambda: m.dunning.waive_fee(bad, real, ledger2))
        repeats.append({"invoice": bad, "raised": raised(error), "posts": len(real.posts) - before})
    out["repeats"] = repeats
    return out


SCENARIOS = [("charge_calls", charge_calls), ("receipts", receipts), ("two_nights", two_nights), ("waive", waive)]


def run_one(fn, m, limit=2.5):
    box = {}

    def target():
        try:
            box["r"] = fn(m)
        except BaseException as e:
            box["r"] = {"crashed": f"{type(e).__name__}: {e}"[:160]}

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(limit)
    return box.get("r", {"crashed": f"timed out after {limit}s"})


def main():
    try:
        m = load()
        record = {name: run_one(fn, m) for name, fn in SCENARIOS}
    except BaseException as e:
        record = {"fatal": f"latefees does not import: {type(e).__name__}: {' '.join(str(e).split())[:150]}"}
    sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(record, default=repr) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
