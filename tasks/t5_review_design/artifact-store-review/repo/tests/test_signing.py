import unittest
from urllib.parse import parse_qs, urlsplit

from depot.errors import Forbidden
from depot.signing import Signer

KEY = "s" * 40


class SigningTest(unittest.TestCase):
    def setUp(self):
        self.t = [1_000_000.0]
        self.signer = Signer(KEY, 600, clock=lambda: self.t[0])

    def parts(self, link):
        u = urlsplit(link)
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        return u.path, q["expires"], q["sig"]

    def test_fresh_link_is_accepted(self):
        self.signer.check(*self.parts(self.signer.link("web", "app.tar.gz", "1.0")))

    def test_ttl_is_capped(self):
        _, expires, _ = self.parts(self.signer.link("web", "app", "1.0", ttl_s=10 ** 6))
        self.assertEqual(int(expires), 1_000_600)

    def test_expired_link_is_refused(self):
        link = self.signer.link("web", "app", "1.0")
        self.t[0] += 601
        with self.assertRaises(Forbidden):
            self.signer.check(*self.parts(link))

    def test_link_cannot_be_retargeted(self):
        path, expires, sig = self.parts(self.signer.link("web", "app", "1.0"))
        with self.assertRaises(Forbidden):
            self.signer.check(path.replace("1.0", "2.0"), expires, sig)

    def test_garbage(self):
        path, expires, sig = self.parts(self.signer.link("web", "app", "1.0"))
        for args in ((path, "soon", sig), (path, expires, None), (path, expires, "00" * 32)):
            with self.subTest(args=args), self.assertRaises(Forbidden):
                self.signer.check(*args)

    def test_short_key_refused(self):
        with self.assertRaises(ValueError):
            Signer("short", 60)


if __name__ == "__main__":
    unittest.main()
