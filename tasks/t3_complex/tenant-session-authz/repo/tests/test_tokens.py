import unittest

from helpdesk import tokens

SECRET = b"0123456789abcdef0123"


class TokenTest(unittest.TestCase):
    def test_round_trip(self):
        t = tokens.issue(SECRET, 7, 2, "agent", "s1", 2000)
        self.assertEqual(tokens.verify(SECRET, t, 1000), {"uid": 7, "tid": 2, "role": "agent", "sid": "s1", "exp": 2000})

    def test_expired(self):
        t = tokens.issue(SECRET, 7, 2, "agent", "s1", 2000)
        with self.assertRaises(tokens.TokenError):
            tokens.verify(SECRET, t, 2000)

    def test_other_secret_rejected(self):
        t = tokens.issue(SECRET, 7, 2, "agent", "s1", 2000)
        with self.assertRaises(tokens.TokenError):
            tokens.verify(b"another-secret-000000", t, 1000)

    def test_tampered_payload_rejected(self):
        t = tokens.issue(SECRET, 7, 2, "agent", "s1", 2000)
        other = tokens.issue(SECRET, 1, 2, "admin", "s1", 2000)
        forged = ".".join([t.split(".")[0], other.split(".")[1], t.split(".")[2]])
        with self.assertRaises(tokens.TokenError):
            tokens.verify(SECRET, forged, 1000)

    def test_garbage_rejected(self):
        for junk in ("", "v1", "v1.x.y", "v2.a.b", "v1.!!!.sig"):
            with self.subTest(junk=junk), self.assertRaises(tokens.TokenError):
                tokens.verify(SECRET, junk, 1000)


if __name__ == "__main__":
    unittest.main()
