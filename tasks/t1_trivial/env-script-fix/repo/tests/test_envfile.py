"""Unit tests of the .env parser."""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import envfile  # noqa: E402


class ParseTest(unittest.TestCase):
    def test_simple_pairs(self):
        self.assertEqual(envfile.parse("A=1\nB=two\n"), {"A": "1", "B": "two"})

    def test_comments_and_blank_lines_are_skipped(self):
        text = "# settings\n\nA=1\n   # indented comment\n"
        self.assertEqual(envfile.parse(text), {"A": "1"})

    def test_double_quotes_are_removed(self):
        self.assertEqual(envfile.parse('LABEL="nightly run"'), {"LABEL": "nightly run"})

    def test_line_without_equals_is_an_error(self):
        with self.assertRaises(envfile.EnvFileError):
            envfile.parse("A=1\nnonsense\n")


if __name__ == "__main__":
    unittest.main()
