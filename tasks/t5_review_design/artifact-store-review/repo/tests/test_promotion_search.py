import json
import tarfile
import tempfile
import unittest
from pathlib import Path

from depot import exports, promotion
from depot.errors import BadRequest, Conflict, Forbidden
from tests.helpers import Harness
from tests.test_handlers import tgz


class PromotionTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness()
        self.h.project("staging")
        self.h.project("prod")
        self.release = self.h.ctx.tokens.create("release", ["admin"], None)
        self.stg = self.h.token("staging")
        self.h.upload(self.stg, "staging", "app.tar.gz", "2.1.0", tgz({"bin/app": b"x"}), media_type="application/gzip")

    def tearDown(self):
        self.h.close()

    def test_promote_shares_the_blob_and_charges_the_target(self):
        status, body, _ = self.h.call("POST", "/api/p/staging/app.tar.gz/2.1.0/promote", self.release, {"to": "prod"})
        self.assertEqual(status, 201)
        prod = self.h.ctx.catalog.project("prod")
        v = self.h.ctx.catalog.version(prod, "app.tar.gz", "2.1.0")
        self.assertEqual(v.digest, json.loads(body)["digest"])
        self.assertEqual(self.h.ctx.db.one("SELECT refcount FROM blobs WHERE digest = ?", (v.digest,))["refcount"], 2)
        self.assertEqual(prod.used_bytes, v.size)
        hist = promotion.history(self.h.ctx.db, v.id)
        self.assertEqual([(x["from_project"], x["to_project"]) for x in hist], [("staging", "prod")])

    def test_needs_write_on_the_target(self):
        with self.assertRaises(Forbidden):
            self.h.call("POST", "/api/p/staging/app.tar.gz/2.1.0/promote", self.stg, {"to": "prod"})

    def test_twice_is_a_conflict_and_same_project_is_refused(self):
        self.h.call("POST", "/api/p/staging/app.tar.gz/2.1.0/promote", self.release, {"to": "prod"})
        with self.assertRaises(Conflict):
            self.h.call("POST", "/api/p/staging/app.tar.gz/2.1.0/promote", self.release, {"to": "prod"})
        with self.assertRaises(BadRequest):
            self.h.call("POST", "/api/p/staging/app.tar.gz/2.1.0/promote", self.release, {"to": "staging"})


class SearchTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness()
        self.h.project("web")
        self.tok = self.h.token("web")
        self.h.upload(self.tok, "web", "libs.tar.gz", "1", tgz({"lib/libfoo.so.3": b"1", "lib/libbar_2.so": b"2"}),
                      media_type="application/gzip")
        self.h.upload(self.tok, "web", "notes.bin", "1", b"plain")

    def tearDown(self):
        self.h.close()

    def find(self, q):
        status, body, _ = self.h.call("GET", f"/api/p/web/search?q={q}", self.tok)
        return [r["name"] for r in json.loads(body)["items"]]

    def test_substring_match(self):
        self.assertEqual(self.find("libfoo"), ["lib/libfoo.so.3"])

    def test_wildcards_are_literal(self):
        self.assertEqual(self.find("bar_2"), ["lib/libbar_2.so"])
        self.assertEqual(self.find("lib%25so"), [])

    def test_query_length(self):
        with self.assertRaises(BadRequest):
            self.find("x")


class ExportTest(unittest.TestCase):
    def test_export_holds_manifest_and_each_blob_once(self):
        h = Harness()
        try:
            h.project("web")
            tok = h.token("web")
            h.upload(tok, "web", "app", "1", b"same")
            h.upload(tok, "web", "app", "2", b"same")
            h.call("PUT", "/api/p/web/app/tags/stable", tok, {"version": "2"})
            with tempfile.TemporaryDirectory() as out:
                path = exports.export(h.ctx.catalog, h.ctx.blobs, h.ctx.catalog.project("web"), Path(out))
                with tarfile.open(path) as tf:
                    names = tf.getnames()
                    data = json.loads(tf.extractfile("manifest.json").read())
                self.assertEqual(len([n for n in names if n.startswith("blobs/")]), 1)
                self.assertEqual([v["tags"] for v in data["versions"]], [[], ["stable"]])
                self.assertEqual([p.name for p in Path(out).iterdir()], [path.name])
        finally:
            h.close()


if __name__ == "__main__":
    unittest.main()
