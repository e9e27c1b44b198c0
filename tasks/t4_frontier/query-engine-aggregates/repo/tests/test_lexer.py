import unittest

from tql.errors import QueryError
from tql.lexer import tokenize


def kinds(text):
    return [(t.kind, t.value) for t in tokenize(text)[:-1]]


class LexerTest(unittest.TestCase):
    def test_keywords_are_case_insensitive_and_identifiers_lower_cased(self):
        self.assertEqual(kinds("select Qty from SALES"),
                         [("KEYWORD", "SELECT"), ("IDENT", "qty"), ("KEYWORD", "FROM"), ("IDENT", "sales")])

    def test_quoted_identifier_keeps_case_and_spaces(self):
        self.assertEqual(kinds('"Unit Price"'), [("IDENT", "Unit Price")])

    def test_numbers(self):
        self.assertEqual(kinds("42 4.5 .5 1e3 2E-1"),
                         [("INT", 42), ("REAL", 4.5), ("REAL", 0.5), ("REAL", 1000.0), ("REAL", 0.2)])

    def test_string_with_doubled_quote(self):
        self.assertEqual(kinds("'it''s'"), [("STRING", "it's")])

    def test_two_character_operators_win(self):
        self.assertEqual([v for _, v in kinds("a<=b<>c||d")], ["a", "<=", "b", "<>", "c", "||", "d"])

    def test_comment_runs_to_end_of_line(self):
        self.assertEqual(kinds("a -- ignored\nb"), [("IDENT", "a"), ("IDENT", "b")])

    def test_unterminated_string_reports_its_start(self):
        with self.assertRaises(QueryError) as cm:
            tokenize("select 'abc")
        self.assertEqual(cm.exception.pos, 7)

    def test_number_glued_to_letters_is_an_error(self):
        with self.assertRaises(QueryError):
            tokenize("select 12abc")

    def test_stray_character_is_an_error(self):
        with self.assertRaises(QueryError):
            tokenize("select a ; b")


if __name__ == "__main__":
    unittest.main()
