import unittest

from depot import naming
from depot.errors import BadRequest


class NamingTest(unittest.TestCase):
    def test_valid_names(self):
        self.assertEqual(naming.project("web-app"), "web-app")
        self.assertEqual(naming.artifact("web-app.tar.gz"), "web-app.tar.gz")
        self.assertEqual(naming.version("1.4.0+build.7"), "1.4.0+build.7")
        self.assertEqual(naming.branch("feature/login"), "feature/login")
        self.assertEqual(naming.tag("stable"), "stable")

    def test_invalid_names(self):
        for fn, value in ((naming.project, "Web"), (naming.project, "a/b"), (naming.project, "-a"),
                          (naming.project, "a" * 65), (naming.artifact, "../x"), (naming.artifact, "x/y"),
                          (naming.version, "1..2"), (naming.version, "../1"), (naming.branch, "a//b"),
                          (naming.branch, "a/"), (naming.tag, "all"), (naming.tag, "9lives"), (naming.project, None)):
            with self.subTest(fn=fn.__name__, value=value), self.assertRaises(BadRequest):
                fn(value)


if __name__ == "__main__":
    unittest.main()
