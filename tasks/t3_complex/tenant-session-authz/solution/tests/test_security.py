import base64
import json
import unittest

from tests.support import client


def v0(claims):
    return "v0." + base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()


class TenantIsolationTest(unittest.TestCase):
    def setUp(self):
        self.c = client()
        self.ticket = self.c.ids["tickets"][("acme", "printer on fire")]

    def test_tenant_header_is_ignored(self):
        gina = self.c.login("globex", "gina@globex.example", "gina-password-1")
        status, body = self.c.call("GET", f"/api/tickets/{self.ticket}", token=gina, headers={"X-Tenant": "acme"})
        self.assertEqual(status, 404)
        status, body = self.c.call("GET", "/api/users", token=gina, headers={"X-Tenant": "acme"})
        self.assertNotIn("ada@acme.example", json.dumps(body))

    def test_foreign_ids_are_not_found(self):
        gina = self.c.login("globex", "gina@globex.example", "gina-password-1")
        for method, path, body in (("GET", f"/api/tickets/{self.ticket}", None),
                                   ("GET", f"/api/tickets/{self.ticket}/comments", None),
                                   ("POST", f"/api/tickets/{self.ticket}/comments", {"body": "hi"}),
                                   ("PATCH", f"/api/tickets/{self.ticket}", {"status": "closed"})):
            with self.subTest(method=method, path=path):
                self.assertEqual(self.c.call(method, path, body, token=gina)[0], 404)
        carl = self.c.ids["users"][("acme", "carl@cust.example")]
        self.assertEqual(self.c.call("POST", f"/api/users/{carl}/disable", token=gina)[0], 404)

    def test_customer_cannot_read_another_customers_ticket(self):
        dora = self.c.login("acme", "dora@cust.example", "dora-password-1")
        self.assertEqual(self.c.call("GET", f"/api/tickets/{self.ticket}", token=dora)[0], 404)

    def test_internal_notes_stay_internal(self):
        carl = self.c.login("acme", "carl@cust.example", "carl-password-1")
        status, body = self.c.call("GET", f"/api/tickets/{self.ticket}/comments?include_internal=1", token=carl)
        self.assertEqual([c["body"] for c in body["comments"]], ["we are on it"])


class SessionLifecycleTest(unittest.TestCase):
    def setUp(self):
        self.c = client()

    def test_profile_cannot_change_role(self):
        carl = self.c.login("acme", "carl@cust.example", "carl-password-1")
        self.assertEqual(self.c.call("PATCH", "/api/me", {"role": "admin"}, token=carl)[0], 400)
        self.assertEqual(self.c.call("GET", "/api/me", token=carl)[1]["role"], "customer")

    def test_logout_disable_and_password_change_end_sessions(self):
        carl = self.c.login("acme", "carl@cust.example", "carl-password-1")
        self.c.call("POST", "/api/logout", token=carl)
        self.assertEqual(self.c.call("GET", "/api/me", token=carl)[0], 401)

        dora1 = self.c.login("acme", "dora@cust.example", "dora-password-1")
        dora2 = self.c.login("acme", "dora@cust.example", "dora-password-1")
        self.c.call("PATCH", "/api/me", {"password": "dora-password-2", "current_password": "dora-password-1"},
                    token=dora1)
        self.assertEqual(self.c.call("GET", "/api/me", token=dora2)[0], 401)
        self.assertEqual(self.c.call("GET", "/api/me", token=dora1)[0], 200)

        root = self.c.login("acme", "root@acme.example", "root-password-1")
        self.c.call("POST", f"/api/users/{self.c.ids['users'][('acme', 'dora@cust.example')]}/disable", token=root)
        self.assertEqual(self.c.call("GET", "/api/me", token=dora1)[0], 401)

    def test_demotion_applies_at_once(self):
        ada = self.c.login("acme", "ada@acme.example", "ada-password-1")
        root = self.c.login("acme", "root@acme.example", "root-password-1")
        self.c.call("PATCH", f"/api/users/{self.c.ids['users'][('acme', 'ada@acme.example')]}", {"role": "customer"},
                    token=root)
        self.assertEqual(self.c.call("GET", "/api/me", token=ada)[1]["role"], "customer")
        self.assertEqual(self.c.call("GET", "/api/tickets", token=ada)[1]["tickets"], [])

    def test_unsigned_v0_token_refused(self):
        self.assertEqual(self.c.call("GET", "/api/me", token=v0({"uid": 1, "tid": 1, "role": "admin"}))[0], 401)


class ResetTest(unittest.TestCase):
    def test_reset_is_single_use_and_tenant_scoped(self):
        c = client()
        c.app.db.create_user(2, "carl@cust.example", "Other Carl", "customer", c.app.hash_password("globex-carl-1"))
        c.call("POST", "/api/password-reset/request", {"tenant": "acme", "email": "carl@cust.example"})
        code = c.mails()[-1]["token"]
        self.assertEqual(c.call("POST", "/api/password-reset/confirm", {"token": code, "password": "carl-new-pass1"})[0], 200)
        self.assertEqual(c.call("POST", "/api/password-reset/confirm", {"token": code, "password": "carl-new-pass2"})[0], 400)
        c.login("globex", "carl@cust.example", "globex-carl-1")
        c.login("acme", "carl@cust.example", "carl-new-pass1")


if __name__ == "__main__":
    unittest.main()
