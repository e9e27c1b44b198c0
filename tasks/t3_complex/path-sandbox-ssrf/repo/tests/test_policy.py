import tempfile
import unittest
from pathlib import Path

from fetchsvc.fetcher import Fetcher, Response
from fetchsvc.files import resolve_download
from fetchsvc.policy import PolicyViolation, allow_path, allow_url

PUBLIC = {"example.com": ["93.184.216.34"], "files.example.org": ["151.101.1.69"]}


def resolver(host):
    try:
        return PUBLIC[host]
    except KeyError:
        raise OSError(f"cannot resolve {host}") from None


class PathPolicyTest(unittest.TestCase):
    def setUp(self):
        self.base = tempfile.mkdtemp()
        (Path(self.base) / "reports").mkdir()
        (Path(self.base) / "reports" / "q1.csv").write_text("a,b\n")

    def test_allows_files_in_the_export_dir(self):
        self.assertTrue(allow_path(self.base, "reports/q1.csv"))
        self.assertEqual(Path(self.base) / "reports" / "q1.csv", resolve_download(self.base, "reports/q1.csv"))

    def test_denies_traversal_and_absolute_paths(self):
        self.assertFalse(allow_path(self.base, "../etc/passwd"))
        self.assertFalse(allow_path(self.base, "/etc/passwd"))
        with self.assertRaises(PolicyViolation):
            resolve_download(self.base, "../../secret")


class UrlPolicyTest(unittest.TestCase):
    def test_allows_public_http_urls(self):
        self.assertTrue(allow_url("https://example.com/data.csv", resolver))
        self.assertTrue(allow_url("http://files.example.org/export?id=7", resolver))

    def test_denies_other_schemes_and_metadata(self):
        self.assertFalse(allow_url("file:///etc/passwd", resolver))
        self.assertFalse(allow_url("http://169.254.169.254/latest/meta-data/", resolver))
        self.assertFalse(allow_url("http://localhost:8080/admin", resolver))

    def test_fetch_follows_redirects(self):
        pages = {
            "https://example.com/old": Response(301, {"Location": "/new"}),
            "https://example.com/new": Response(200, {}, b"a,b\n"),
        }
        self.assertEqual(b"a,b\n", Fetcher(pages.__getitem__, resolver).fetch("https://example.com/old").body)


if __name__ == "__main__":
    unittest.main()
