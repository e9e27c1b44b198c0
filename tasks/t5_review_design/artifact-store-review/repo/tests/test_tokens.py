import time
import unittest

from depot import tokens
from depot.errors import Forbidden, Unauthorized
from tests.helpers import Harness


class TokenTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness()
        self.h.project("web")
        self.h.project("api")
        self.web = self.h.ctx.catalog.project("web")
        self.api = self.h.ctx.catalog.project("api")

    def tearDown(self):
        self.h.close()

    def test_format_and_storage(self):
        t = self.h.ctx.tokens.create("ci", ["write"], self.web)
        self.assertTrue(t.startswith("dpt_") and len(t) == 44)
        rows = self.h.ctx.db.all("SELECT token_hash, scopes FROM tokens WHERE name = 'ci'")
        self.assertEqual(rows, [{"token_hash": tokens.digest(t), "scopes": "read,write"}])

    def test_authenticate_and_scopes(self):
        t = self.h.ctx.tokens.create("ci", ["write"], self.web)
        p = self.h.ctx.tokens.authenticate("Bearer " + t)
        self.assertEqual((p.project_id, p.can("read"), p.can("write"), p.can("admin")), (self.web.id, True, True, False))
        tokens.require(p, "write", self.web)
        with self.assertRaises(Forbidden):
            tokens.require(p, "write", self.api)
        with self.assertRaises(Forbidden):
            tokens.require(p, "admin", self.web)

    def test_operator_token_works_everywhere(self):
        p = self.h.ctx.tokens.authenticate("Bearer " + self.h.admin)
        tokens.require(p, "write", self.web)
        tokens.require(p, "admin", self.api)

    def test_bad_headers(self):
        for header in (None, "", "Basic abc", "Bearer nope", "Bearer dpt_" + "x" * 40):
            with self.subTest(header=header), self.assertRaises(Unauthorized):
                self.h.ctx.tokens.authenticate(header)

    def test_revoked_and_expired(self):
        t = self.h.ctx.tokens.create("ci", ["read"], self.web)
        tid = self.h.ctx.tokens.authenticate("Bearer " + t).token_id
        self.h.ctx.tokens.revoke(tid)
        with self.assertRaises(Unauthorized):
            self.h.ctx.tokens.authenticate("Bearer " + t)
        short = self.h.ctx.tokens.create("short", ["read"], self.web, ttl_s=0.01)
        time.sleep(0.02)
        with self.assertRaises(Unauthorized):
            self.h.ctx.tokens.authenticate("Bearer " + short)

    def test_project_less_tokens_must_be_admin(self):
        with self.assertRaises(ValueError):
            self.h.ctx.tokens.create("x", ["write"], None)
        with self.assertRaises(ValueError):
            self.h.ctx.tokens.create("x", ["superuser"], self.web)


if __name__ == "__main__":
    unittest.main()
