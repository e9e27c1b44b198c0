import hashlib
import io
import json
import tarfile
import unittest
from urllib.parse import urlsplit

from depot.errors import BadRequest, Conflict, Forbidden, NotFound, QuotaExceeded
from tests.helpers import Harness


def tgz(files: dict) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class ApiTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness()
        self.h.project("web")
        self.h.project("api", quota_bytes=20)
        self.web = self.h.token("web")
        self.reader = self.h.token("web", ["read"])

    def tearDown(self):
        self.h.close()

    def test_upload_download_round_trip(self):
        status, body, _ = self.h.upload(self.web, "web", "app.bin", "1.0", b"binary-bytes")
        self.assertEqual(status, 201)
        self.assertEqual(json.loads(body)["digest"], hashlib.sha256(b"binary-bytes").hexdigest())
        status, data, headers = self.h.call("GET", "/api/p/web/app.bin/1.0", self.reader)
        self.assertEqual((status, data, headers["Content-Length"]), (200, b"binary-bytes", "12"))

    def test_resume_with_open_range(self):
        self.h.upload(self.web, "web", "app.bin", "1.0", b"0123456789")
        status, data, headers = self.h.call("GET", "/api/p/web/app.bin/1.0", self.reader, headers={"Range": "bytes=6-"})
        self.assertEqual((status, data, headers["Content-Range"]), (206, b"6789", "bytes 6-9/10"))

    def test_etag_and_head(self):
        self.h.upload(self.web, "web", "app.bin", "1.0", b"x")
        _, _, headers = self.h.call("GET", "/api/p/web/app.bin/1.0", self.reader)
        status, data, _ = self.h.call("GET", "/api/p/web/app.bin/1.0", self.reader,
                                      headers={"If-None-Match": headers["ETag"]})
        self.assertEqual((status, data), (304, None))
        status, data, headers = self.h.call("HEAD", "/api/p/web/app.bin/1.0", self.reader)
        self.assertEqual((status, data, headers["Content-Length"]), (200, None, "1"))

    def test_versions_are_immutable(self):
        self.h.upload(self.web, "web", "app.bin", "1.0", b"a")
        with self.assertRaises(Conflict):
            self.h.upload(self.web, "web", "app.bin", "1.0", b"b")

    def test_checksum_header_is_enforced(self):
        with self.assertRaises(BadRequest):
            self.h.call("PUT", "/api/p/web/app.bin/1.0", self.web, b"data", {"X-Checksum-Sha256": "00" * 32})
        self.assertEqual(list(self.h.settings.tmp_dir.iterdir()), [])

    def test_read_token_cannot_upload_and_other_project_is_forbidden(self):
        with self.assertRaises(Forbidden):
            self.h.upload(self.reader, "web", "app.bin", "1.0", b"x")
        with self.assertRaises(Forbidden):
            self.h.upload(self.web, "api", "svc", "1.0", b"x")
        with self.assertRaises(Forbidden):
            self.h.call("GET", "/api/p/api/svc", self.web)

    def test_quota(self):
        api = self.h.token("api")
        self.h.upload(api, "api", "svc", "1", b"x" * 15)
        with self.assertRaises(QuotaExceeded):
            self.h.upload(api, "api", "svc", "2", b"y" * 10)
        status, body, _ = self.h.call("GET", "/api/p/api/usage", api)
        self.assertEqual(json.loads(body), {"used_bytes": 15, "limit_bytes": 20, "free_bytes": 5})

    def test_list_versions_paginates(self):
        for i in range(5):
            self.h.upload(self.web, "web", "app.bin", f"1.{i}", f"v{i}".encode())
        status, body, _ = self.h.call("GET", "/api/p/web/app.bin?limit=2", self.reader)
        page = json.loads(body)
        self.assertEqual([v["version"] for v in page["items"]], ["1.0", "1.1"])
        status, body, _ = self.h.call("GET", f"/api/p/web/app.bin?limit=2&cursor={page['next']}", self.reader)
        self.assertEqual([v["version"] for v in json.loads(body)["items"]], ["1.2", "1.3"])

    def test_tags(self):
        self.h.upload(self.web, "web", "app.bin", "1.0", b"a")
        self.h.upload(self.web, "web", "app.bin", "1.1", b"b")
        self.h.call("PUT", "/api/p/web/app.bin/tags/stable", self.web, {"version": "1.0"})
        self.h.call("PUT", "/api/p/web/app.bin/tags/stable", self.web, {"version": "1.1"})
        status, body, _ = self.h.call("GET", "/api/p/web/app.bin/tags/stable", self.reader)
        self.assertEqual(json.loads(body)["version"], "1.1")
        with self.assertRaises(NotFound):
            self.h.call("GET", "/api/p/web/app.bin/tags/nightly", self.reader)

    def test_delete_version(self):
        self.h.upload(self.web, "web", "app.bin", "1.0", b"a")
        status, _, _ = self.h.call("DELETE", "/api/p/web/app.bin/1.0", self.web)
        self.assertEqual(status, 204)
        with self.assertRaises(NotFound):
            self.h.call("GET", "/api/p/web/app.bin/1.0", self.reader)
        with self.assertRaises(Forbidden):
            self.h.call("DELETE", "/api/p/web/app.bin/1.0", self.reader)

    def test_signed_link(self):
        self.h.upload(self.web, "web", "app.bin", "2.0", b"signed")
        status, body, _ = self.h.call("POST", "/api/p/web/app.bin/2.0/link", self.reader)
        url = json.loads(body)["url"]
        status, data, _ = self.h.call("GET", url)
        self.assertEqual((status, data), (200, b"signed"))
        u = urlsplit(url)
        with self.assertRaises(Forbidden):
            self.h.call("GET", u.path.replace("2.0", "1.0") + "?" + u.query)

    def test_archive_listing_and_preview(self):
        self.h.upload(self.web, "web", "site.tar.gz", "3.0", tgz({"index.html": b"<h1>hi</h1>", "css/a.css": b"a{}"}),
                      media_type="application/gzip")
        status, body, _ = self.h.call("GET", "/api/p/web/site.tar.gz/3.0/files", self.reader)
        self.assertEqual([f["name"] for f in json.loads(body)["items"]], ["index.html", "css/a.css"])
        status, data, _ = self.h.call("GET", "/api/p/web/site.tar.gz/3.0/files/css/a.css", self.reader)
        self.assertEqual(data, b"a{}")

    def test_project_admin_cannot_create_projects(self):
        padmin = self.h.token("web", ["admin"])
        with self.assertRaises(BadRequest):
            self.h.call("POST", "/api/projects", padmin, {"name": "other"})

    def test_retention_endpoint(self):
        for i in range(3):
            self.h.upload(self.web, "web", "app.bin", f"0.{i}", f"r{i}".encode())
        padmin = self.h.token("web", ["admin"])
        status, body, _ = self.h.call("POST", "/api/p/web/retention?dry_run=1", padmin)
        self.assertEqual(json.loads(body)["kept"], 3)


if __name__ == "__main__":
    unittest.main()
