import unittest

from depot import retention
from tests.helpers import Harness


class RetentionTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness()
        self.h.project("web")
        self.tok = self.h.token("web")
        self.p = self.h.ctx.catalog.project("web")

    def tearDown(self):
        self.h.close()

    def push(self, version, branch="main", data=None):
        status, body, _ = self.h.upload(self.tok, "web", "app", version, data or version.encode(), branch)
        self.assertEqual(status, 201, body)

    def test_nothing_deleted_below_the_limit(self):
        for v in ("1", "2", "3"):
            self.push(v)
        self.assertEqual(retention.plan(self.h.ctx.catalog, self.p, keep=3), [])

    def test_branches_are_counted_separately(self):
        for v in ("1", "2"):
            self.push(v, "main")
        for v in ("f1", "f2"):
            self.push(v, "feature/x")
        self.assertEqual(retention.plan(self.h.ctx.catalog, self.p, keep=2), [])

    def test_one_over_the_limit_deletes_one(self):
        for v in ("1", "2", "3"):
            self.push(v)
        report = retention.apply(self.h.ctx.db, self.h.ctx.catalog, self.h.ctx.blobs, self.p, keep=2)
        self.assertEqual((len(report.deleted), report.kept), (1, 2))
        self.assertEqual(len(self.h.ctx.catalog.versions(self.p, "app")), 2)

    def test_tagged_versions_are_kept(self):
        for v in ("1", "2", "3", "4"):
            self.push(v)
        for v in ("1", "2", "3", "4"):
            self.h.call("PUT", f"/api/p/web/app/tags/t{v}", self.tok, {"version": v})
        self.assertEqual(retention.plan(self.h.ctx.catalog, self.p, keep=1), [])

    def test_dry_run_deletes_nothing(self):
        for v in ("1", "2", "3"):
            self.push(v)
        report = retention.apply(self.h.ctx.db, self.h.ctx.catalog, self.h.ctx.blobs, self.p, keep=1, dry_run=True)
        self.assertEqual(len(report.deleted), 2)
        self.assertEqual(len(self.h.ctx.catalog.versions(self.p, "app")), 3)


if __name__ == "__main__":
    unittest.main()
