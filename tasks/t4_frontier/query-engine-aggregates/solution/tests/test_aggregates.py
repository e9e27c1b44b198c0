import unittest

from tql.errors import QueryError
from tests.fixtures import sample_db


class AggregateTest(unittest.TestCase):
    def setUp(self):
        self.db = sample_db()

    def rows(self, q):
        return self.db.query(q).rows

    def test_count_star_counts_rows_and_count_column_skips_nulls(self):
        self.assertEqual(self.rows("SELECT COUNT(*), COUNT(qty), COUNT(region) FROM sales"), [(7, 6, 6)])

    def test_sum_stays_integer_and_avg_is_real(self):
        self.assertEqual(self.rows("SELECT SUM(qty), AVG(qty) FROM sales WHERE region = 'north'"), [(5, 5 / 3)])
        self.assertIsInstance(self.rows("SELECT AVG(qty) FROM sales WHERE id = 1")[0][0], float)

    def test_null_keys_form_one_group(self):
        self.assertEqual(self.rows("SELECT region, COUNT(*) FROM sales GROUP BY region ORDER BY region"),
                         [(None, 1), ("east", 1), ("north", 3), ("south", 2)])

    def test_group_of_only_nulls_aggregates_to_null(self):
        self.assertEqual(self.rows("SELECT region, SUM(qty), MIN(qty) FROM sales WHERE region = 'east' GROUP BY region"),
                         [("east", None, None)])

    def test_empty_input_one_row_without_group_by_none_with(self):
        self.assertEqual(self.rows("SELECT COUNT(*), SUM(a), MAX(b) FROM empty"), [(0, None, None)])
        self.assertEqual(self.rows("SELECT a, COUNT(*) FROM empty GROUP BY a"), [])

    def test_having_and_order_by_aggregates_not_selected(self):
        self.assertEqual(self.rows("SELECT rep FROM sales GROUP BY rep HAVING COUNT(*) > 1 ORDER BY SUM(qty) DESC"),
                         [("cleo",), ("ana",)])

    def test_distinct_inside_aggregate(self):
        self.assertEqual(self.rows("SELECT COUNT(DISTINCT rep), SUM(DISTINCT price) FROM sales"), [(5, 29.25)])

    def test_group_by_position_and_expression(self):
        self.assertEqual(self.rows("SELECT qty % 2, COUNT(*) FROM sales GROUP BY 1 ORDER BY 1"),
                         [(None, 1), (0, 2), (1, 4)])

    def test_aggregates_inside_expressions_use_integer_division(self):
        self.assertEqual(self.rows("SELECT SUM(qty) / COUNT(*) FROM sales WHERE region = 'north'"), [(1,)])

    def test_columns_named_as_written(self):
        self.assertEqual(self.db.query("SELECT region, count(*) FROM sales GROUP BY region").columns,
                         ["region", "count(*)"])

    def test_errors(self):
        for q in ("SELECT region, qty FROM sales GROUP BY region", "SELECT rep, COUNT(*) FROM sales",
                  "SELECT id FROM sales WHERE COUNT(*) > 1", "SELECT SUM(MAX(qty)) FROM sales",
                  "SELECT SUM(*) FROM sales", "SELECT * FROM sales GROUP BY region",
                  "SELECT COUNT(*) FROM sales GROUP BY COUNT(*)", "SELECT lower(DISTINCT rep) FROM sales",
                  "SELECT region FROM sales GROUP BY 2", "SELECT SUM(rep) FROM sales"):
            with self.subTest(q=q), self.assertRaises(QueryError):
                self.db.query(q)


if __name__ == "__main__":
    unittest.main()
