import unittest

from tests.support import client


class SessionTest(unittest.TestCase):
    def setUp(self):
        self.c = client()

    def test_login_and_me(self):
        token = self.c.login("acme", "ada@acme.example", "ada-password-1")
        status, me = self.c.call("GET", "/api/me", token=token)
        self.assertEqual((status, me["email"], me["role"]), (200, "ada@acme.example", "agent"))

    def test_wrong_password_and_unknown_tenant(self):
        self.assertEqual(self.c.call("POST", "/api/login", {"tenant": "acme", "email": "ada@acme.example",
                                                           "password": "nope"})[0], 401)
        self.assertEqual(self.c.call("POST", "/api/login", {"tenant": "nope", "email": "ada@acme.example",
                                                           "password": "ada-password-1"})[0], 401)

    def test_missing_or_bad_token(self):
        self.assertEqual(self.c.call("GET", "/api/me")[0], 401)
        self.assertEqual(self.c.call("GET", "/api/me", token="v1.abc.def")[0], 401)

    def test_disabled_user_cannot_log_in(self):
        admin = self.c.login("acme", "root@acme.example", "root-password-1")
        carl = self.c.ids["users"][("acme", "carl@cust.example")]
        self.assertEqual(self.c.call("POST", f"/api/users/{carl}/disable", token=admin)[0], 200)
        self.assertEqual(self.c.call("POST", "/api/login", {"tenant": "acme", "email": "carl@cust.example",
                                                           "password": "carl-password-1"})[0], 403)

    def test_change_display_name_and_password(self):
        token = self.c.login("acme", "carl@cust.example", "carl-password-1")
        status, me = self.c.call("PATCH", "/api/me", {"display_name": "Carl C."}, token=token)
        self.assertEqual((status, me["display_name"]), (200, "Carl C."))
        status, _ = self.c.call("PATCH", "/api/me", {"password": "a-new-password-2", "current_password": "wrong"},
                                token=token)
        self.assertEqual(status, 403)
        status, _ = self.c.call("PATCH", "/api/me", {"password": "a-new-password-2",
                                                    "current_password": "carl-password-1"}, token=token)
        self.assertEqual(status, 200)
        self.c.login("acme", "carl@cust.example", "a-new-password-2")

    def test_logout_answers_204(self):
        token = self.c.login("acme", "carl@cust.example", "carl-password-1")
        self.assertEqual(self.c.call("POST", "/api/logout", token=token)[0], 204)


class TicketTest(unittest.TestCase):
    def setUp(self):
        self.c = client()
        self.carl = self.c.login("acme", "carl@cust.example", "carl-password-1")
        self.ada = self.c.login("acme", "ada@acme.example", "ada-password-1")
        self.ticket = self.c.ids["tickets"][("acme", "printer on fire")]

    def test_customer_sees_own_tickets_and_public_comments(self):
        status, body = self.c.call("GET", "/api/tickets", token=self.carl)
        self.assertEqual([t["subject"] for t in body["tickets"]], ["printer on fire"])
        status, body = self.c.call("GET", f"/api/tickets/{self.ticket}/comments", token=self.carl)
        self.assertEqual([c["body"] for c in body["comments"]], ["we are on it"])

    def test_agent_sees_internal_notes(self):
        status, body = self.c.call("GET", f"/api/tickets/{self.ticket}/comments", token=self.ada)
        self.assertEqual(len(body["comments"]), 2)

    def test_create_and_comment(self):
        status, t = self.c.call("POST", "/api/tickets", {"subject": "vpn", "body": "down"}, token=self.carl)
        self.assertEqual(status, 201)
        self.assertEqual(self.c.call("POST", f"/api/tickets/{t['id']}/comments", {"body": "still down"},
                                     token=self.carl)[0], 201)
        self.assertEqual(self.c.call("POST", f"/api/tickets/{t['id']}/comments", {"body": "x", "internal": True},
                                     token=self.carl)[0], 403)

    def test_agent_updates_status_and_assignee(self):
        ada_id = self.c.ids["users"][("acme", "ada@acme.example")]
        status, t = self.c.call("PATCH", f"/api/tickets/{self.ticket}", {"status": "pending", "assignee_id": ada_id},
                                token=self.ada)
        self.assertEqual((status, t["status"], t["assignee_id"]), (200, "pending", ada_id))

    def test_customer_cannot_update_status(self):
        self.assertEqual(self.c.call("PATCH", f"/api/tickets/{self.ticket}", {"status": "closed"},
                                     token=self.carl)[0], 403)

    def test_status_filter_is_validated(self):
        self.assertEqual(self.c.call("GET", "/api/tickets?status=bogus", token=self.ada)[0], 400)


class AdminTest(unittest.TestCase):
    def setUp(self):
        self.c = client()
        self.root = self.c.login("acme", "root@acme.example", "root-password-1")

    def test_list_and_create_users(self):
        status, body = self.c.call("GET", "/api/users", token=self.root)
        self.assertEqual(len(body["users"]), 4)
        status, u = self.c.call("POST", "/api/users", {"email": "New@Cust.example", "password": "pw-new-user-1"},
                                token=self.root)
        self.assertEqual((status, u["email"], u["role"]), (201, "new@cust.example", "customer"))
        self.assertEqual(self.c.call("POST", "/api/users", {"email": "new@cust.example", "password": "x"},
                                     token=self.root)[0], 409)

    def test_non_admin_is_forbidden(self):
        ada = self.c.login("acme", "ada@acme.example", "ada-password-1")
        self.assertEqual(self.c.call("GET", "/api/users", token=ada)[0], 403)

    def test_change_role(self):
        carl = self.c.ids["users"][("acme", "carl@cust.example")]
        status, u = self.c.call("PATCH", f"/api/users/{carl}", {"role": "agent"}, token=self.root)
        self.assertEqual((status, u["role"]), (200, "agent"))


class ResetTest(unittest.TestCase):
    def setUp(self):
        self.c = client()

    def test_reset_flow(self):
        status, _ = self.c.call("POST", "/api/password-reset/request", {"tenant": "acme", "email": "dora@cust.example"})
        self.assertEqual(status, 202)
        token = self.c.mails()[-1]["token"]
        status, _ = self.c.call("POST", "/api/password-reset/confirm", {"token": token, "password": "dora-new-password"})
        self.assertEqual(status, 200)
        self.c.login("acme", "dora@cust.example", "dora-new-password")

    def test_unknown_address_gets_the_same_answer_and_no_mail(self):
        status, _ = self.c.call("POST", "/api/password-reset/request", {"tenant": "acme", "email": "who@x.example"})
        self.assertEqual(status, 202)
        self.assertEqual(self.c.mails(), [])

    def test_bad_code(self):
        self.assertEqual(self.c.call("POST", "/api/password-reset/confirm",
                                     {"token": "nope", "password": "long-enough-pass"})[0], 400)


if __name__ == "__main__":
    unittest.main()
