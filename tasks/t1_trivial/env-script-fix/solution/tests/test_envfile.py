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

    def test_value_may_contain_equals(self):
        self.assertEqual(envfile.parse("URL=postgres://h/db?sslmode=require"),
                         {"URL": "postgres://h/db?sslmode=require"})

    def test_export_prefix(self):
        self.assertEqual(envfile.parse("export A=1\nEXPORTED=2"), {"A": "1", "EXPORTED": "2"})

    def test_single_quotes_are_literal(self):
        self.assertEqual(envfile.parse("P='a\\n #\"b\"'"), {"P": 'a\\n #"b"'})

    def test_double_quote_escapes(self):
        self.assertEqual(envfile.parse('M="say \\"hi\\"\\nbye # not a comment"'),
                         {"M": 'say "hi"\nbye # not a comment'})

    def test_inline_comments(self):
        self.assertEqual(envfile.parse("K=14  # days\nU=http://h/#top\nQ='x' # c"),
                         {"K": "14", "U": "http://h/#top", "Q": "x"})

    def test_text_after_closing_quote_is_an_error(self):
        with self.assertRaisesRegex(envfile.EnvFileError, "line 2"):
            envfile.parse('A=1\nB="x"y')


if __name__ == "__main__":
    unittest.main()
