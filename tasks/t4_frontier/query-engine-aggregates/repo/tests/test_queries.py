import unittest

from tql.errors import QueryError
from tests.fixtures import sample_db


class QueryTest(unittest.TestCase):
    def setUp(self):
        self.db = sample_db()

    def rows(self, q):
        return self.db.query(q).rows

    def test_star_returns_every_column_in_table_order(self):
        res = self.db.query("SELECT * FROM sales WHERE id = 1")
        self.assertEqual(res.columns, ["id", "region", "rep", "qty", "price"])
        self.assertEqual(res.rows, [(1, "north", "ana", 3, 2.5)])

    def test_where_drops_null_conditions(self):
        self.assertEqual(self.rows("SELECT id FROM sales WHERE qty > 2 ORDER BY id"), [(1,), (3,), (6,)])

    def test_expression_columns_are_named_by_their_text(self):
        res = self.db.query("SELECT qty * price, rep AS who FROM sales WHERE id = 3")
        self.assertEqual(res.columns, ["qty * price", "who"])
        self.assertEqual(res.rows, [(12.5, "cleo")])

    def test_order_by_nulls_first_ascending_last_descending(self):
        self.assertEqual(self.rows("SELECT region FROM sales WHERE id IN (1, 5, 6) ORDER BY region"),
                         [(None,), ("east",), ("north",)])
        self.assertEqual(self.rows("SELECT region FROM sales WHERE id IN (1, 5, 6) ORDER BY region DESC"),
                         [("north",), ("east",), (None,)])

    def test_order_by_alias_position_and_hidden_expression(self):
        self.assertEqual(self.rows("SELECT id, qty * 2 AS d FROM sales WHERE qty IS NOT NULL ORDER BY d DESC, 1 LIMIT 2"),
                         [(3, 10), (6, 8)])
        self.assertEqual(self.rows("SELECT rep FROM sales WHERE id < 4 ORDER BY price DESC, id"),
                         [("ben",), ("ana",), ("cleo",)])

    def test_order_by_several_keys_mixed_directions(self):
        self.assertEqual(self.rows("SELECT region, id FROM sales WHERE region IS NOT NULL ORDER BY region, id DESC"),
                         [("east", 5), ("north", 7), ("north", 2), ("north", 1), ("south", 4), ("south", 3)])

    def test_distinct(self):
        self.assertEqual(self.rows("SELECT DISTINCT rep FROM sales WHERE region = 'north' ORDER BY rep"),
                         [("ana",), ("ben",)])

    def test_distinct_order_by_must_use_output_columns(self):
        with self.assertRaises(QueryError):
            self.db.query("SELECT DISTINCT rep FROM sales ORDER BY qty")

    def test_limit_and_offset(self):
        self.assertEqual(self.rows("SELECT id FROM sales ORDER BY id LIMIT 2 OFFSET 3"), [(4,), (5,)])
        self.assertEqual(self.rows("SELECT id FROM sales ORDER BY id LIMIT 0"), [])

    def test_negative_limit_is_an_error(self):
        with self.assertRaises(QueryError):
            self.db.query("SELECT id FROM sales LIMIT -1")

    def test_in_between_like_case(self):
        q = ("SELECT id, CASE WHEN qty BETWEEN 2 AND 4 THEN 'mid' WHEN qty > 4 THEN 'high' ELSE 'low' END "
             "FROM sales WHERE rep LIKE '%e%' OR id IN (1) ORDER BY id")
        self.assertEqual(self.rows(q), [(1, "mid"), (2, "low"), (3, "high"), (4, "mid"), (5, "low"), (6, "mid")])

    def test_null_in_in_list_makes_a_miss_unknown(self):
        self.assertEqual(self.rows("SELECT id FROM sales WHERE NOT (qty IN (3, NULL)) ORDER BY id"), [])
        self.assertEqual(self.rows("SELECT id FROM sales WHERE qty IN (3, NULL)"), [(1,)])

    def test_integer_arithmetic_and_division_by_zero(self):
        self.assertEqual(self.rows("SELECT -7 / 2, 7 % 3, 1 / 0, 7 / 2.0 FROM sales WHERE id = 1"),
                         [(-3, 1, None, 3.5)])

    def test_scalar_functions(self):
        self.assertEqual(self.rows("SELECT upper(rep), length(rep), coalesce(region, '?'), round(price / 3, 2) "
                                   "FROM sales WHERE id = 6"), [("ELI", 3, "?", 3.17)])

    def test_table_alias_qualifies_columns(self):
        self.assertEqual(self.rows("SELECT s.id FROM sales AS s WHERE s.qty = 5"), [(3,)])

    def test_unknown_names_are_query_errors(self):
        for q in ("SELECT nope FROM sales", "SELECT id FROM nope", "SELECT x.id FROM sales",
                  "SELECT frobnicate(id) FROM sales", "SELECT id FROM sales ORDER BY 9"):
            with self.subTest(q=q), self.assertRaises(QueryError):
                self.db.query(q)

    def test_text_condition_is_an_error(self):
        with self.assertRaises(QueryError):
            self.db.query("SELECT id FROM sales WHERE rep")

    def test_empty_table(self):
        self.assertEqual(self.rows("SELECT a, b FROM empty ORDER BY a"), [])


if __name__ == "__main__":
    unittest.main()
