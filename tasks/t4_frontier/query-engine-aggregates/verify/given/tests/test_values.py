import unittest

from tql import values
from tql.errors import QueryError


class ValuesTest(unittest.TestCase):
    def test_integer_division_truncates_toward_zero(self):
        self.assertEqual(values.arithmetic("/", 7, 2), 3)
        self.assertEqual(values.arithmetic("/", -7, 2), -3)
        self.assertEqual(values.arithmetic("%", -7, 3), -1)

    def test_real_division(self):
        self.assertEqual(values.arithmetic("/", 7.0, 2), 3.5)

    def test_division_by_zero_is_null(self):
        self.assertIsNone(values.arithmetic("/", 1, 0))
        self.assertIsNone(values.arithmetic("%", 1.5, 0))

    def test_null_propagates(self):
        self.assertIsNone(values.arithmetic("+", None, 1))
        self.assertIsNone(values.comparison("=", None, None))
        self.assertIsNone(values.concat("a", None))

    def test_three_valued_logic(self):
        self.assertEqual(values.logical_and(0, None), 0)
        self.assertIsNone(values.logical_and(1, None))
        self.assertEqual(values.logical_or(1, None), 1)
        self.assertIsNone(values.logical_not(None))

    def test_numbers_sort_before_text_and_null_first(self):
        self.assertEqual(sorted(["b", 2, None, 1.5, "a"], key=values.sort_key), [None, 1.5, 2, "a", "b"])

    def test_int_and_real_compare_by_value(self):
        self.assertEqual(values.comparison("=", 1, 1.0), 1)

    def test_text_arithmetic_is_an_error(self):
        with self.assertRaises(QueryError):
            values.arithmetic("+", "a", 1)

    def test_like(self):
        self.assertEqual(values.like("Widget", "w%T"), 1)
        self.assertEqual(values.like("gadget", "g_dget"), 1)
        self.assertEqual(values.like("gadget", "g_get"), 0)
        self.assertEqual(values.like("a%b", "a%%b"), 1)

    def test_real_text_form(self):
        self.assertEqual(values.to_text(2.0), "2.0")
        self.assertEqual(values.to_text(2.5), "2.5")


if __name__ == "__main__":
    unittest.main()
