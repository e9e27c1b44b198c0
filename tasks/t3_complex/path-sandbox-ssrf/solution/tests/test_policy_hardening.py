"""SEC-212 regressions: encoded/backslash/symlink traversal, SSRF through IP forms, DNS and redirects."""
import os
import tempfile
import unittest
from pathlib import Path

from fetchsvc.fetcher import Fetcher, Response
from fetchsvc.policy import PolicyViolation, allow_path, allow_url

DNS = {"example.com": ["93.184.216.34"], "internal.example.com": ["10.0.0.8"],
       "10.example.com": ["93.184.216.35"]}


def resolver(host):
    if host in DNS:
        return DNS[host]
    raise OSError(host)


class PathTest(unittest.TestCase):
    def setUp(self):
        tmp = Path(tempfile.mkdtemp())
        self.base = tmp / "base"
        (self.base / "reports").mkdir(parents=True)
        (tmp / "outside").mkdir()
        os.symlink("../outside", self.base / "escape")
        os.symlink("reports", self.base / "inner")

    def test_denies_every_traversal_form(self):
        for p in ("..%2fx", "%2e%2e/x", "%252e%252e%252fx", "..\\x", "a\\b", "x%00.txt", "x\x00", "/etc/passwd",
                  "%2fetc", "escape/secret.txt", "escape"):
            self.assertFalse(allow_path(str(self.base), p), p)

    def test_allows_legitimate_names(self):
        for p in ("reports/q1.pdf", "a..b.txt", "..hidden", "my%20file.txt", "100%25.txt", "inner/q1.pdf",
                  "new/file.bin"):
            self.assertTrue(allow_path(str(self.base), p), p)


class UrlTest(unittest.TestCase):
    def test_denies_private_targets_in_any_spelling(self):
        for u in ("http://2130706433/", "http://0x7f.1/", "http://[::ffff:127.0.0.1]/", "http://[fd00::1]/",
                  "http://100.64.0.1/", "http://224.0.0.1/", "http://example.com@10.0.0.1/",
                  "http://internal.example.com/", "http://nowhere.invalid/"):
            self.assertFalse(allow_url(u, resolver), u)

    def test_allows_public_look_alikes(self):
        for u in ("http://172.32.0.1/", "https://10.example.com/", "https://[2606:4700:4700::1111]/"):
            self.assertTrue(allow_url(u, resolver), u)

    def test_every_redirect_hop_is_checked(self):
        requested = []
        pages = {"https://example.com/a": Response(302, {"Location": "http://169.254.169.254/latest/"})}

        def transport(url):
            requested.append(url)
            return pages.get(url, Response(200, {}, b"secret"))

        with self.assertRaises(PolicyViolation):
            Fetcher(transport, resolver).fetch("https://example.com/a")
        self.assertEqual(["https://example.com/a"], requested)


if __name__ == "__main__":
    unittest.main()
