"""An App over a temporary database with a small two-tenant fixture, and a JSON call helper."""
import json
import tempfile
from pathlib import Path

from helpdesk.app import App
from helpdesk.db import Database
from helpdesk.mail import Outbox
from helpdesk.seed import load

FIXTURE = {"tenants": [
    {"slug": "acme", "users": [
        {"email": "ada@acme.example", "role": "agent", "password": "ada-password-1"},
        {"email": "root@acme.example", "role": "admin", "password": "root-password-1"},
        {"email": "carl@cust.example", "role": "customer", "password": "carl-password-1"},
        {"email": "dora@cust.example", "role": "customer", "password": "dora-password-1"}],
     "tickets": [
        {"requester": "carl@cust.example", "subject": "printer on fire", "body": "smoke",
         "comments": [{"author": "ada@acme.example", "body": "call facilities", "internal": True},
                      {"author": "ada@acme.example", "body": "we are on it"}]}]},
    {"slug": "globex", "users": [
        {"email": "gina@globex.example", "role": "admin", "password": "gina-password-1"}],
     "tickets": []},
]}


class Client:
    def __init__(self, tmp: str):
        self.db = Database(str(Path(tmp) / "t.sqlite3"))
        self.outbox_dir = Path(tmp) / "outbox"
        self.app = App(self.db, b"test-secret-0123456789", Outbox(self.outbox_dir), password_iterations=1000)
        self.ids = load(self.app, FIXTURE)

    def call(self, method, path, body=None, token=None, headers=None):
        h = dict(headers or {})
        if token:
            h["Authorization"] = f"Bearer {token}"
        raw = json.dumps(body).encode() if body is not None else b""
        r = self.app.handle(method, path, h, raw)
        return r.status, r.body

    def login(self, tenant, email, password):
        status, body = self.call("POST", "/api/login", {"tenant": tenant, "email": email, "password": password})
        assert status == 200, body
        return body["token"]

    def mails(self):
        if not self.outbox_dir.is_dir():
            return []
        return [json.loads(p.read_text()) for p in sorted(self.outbox_dir.glob("*.json"))]


def client():
    tmp = tempfile.TemporaryDirectory()
    c = Client(tmp.name)
    c._tmp = tmp
    return c
