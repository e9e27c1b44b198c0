import unittest

from tql import ast
from tql.errors import QueryError
from tql.parser import parse


class ParserTest(unittest.TestCase):
    def test_select_item_text_is_kept_as_written(self):
        q = parse("SELECT qty  *  price AS total, 'a''b', upper(rep) FROM sales")
        self.assertEqual([i.text for i in q.items], ["qty  *  price", "'a''b'", "upper(rep)"])
        self.assertEqual(q.items[0].alias, "total")

    def test_alias_without_as(self):
        q = parse("SELECT qty q FROM sales s")
        self.assertEqual((q.items[0].alias, q.table_alias), ("q", "s"))

    def test_precedence_multiplication_before_addition(self):
        q = parse("SELECT 1 + 2 * 3 FROM t")
        self.assertEqual(q.items[0].expr, ast.Binary("+", ast.Literal(1),
                                                     ast.Binary("*", ast.Literal(2), ast.Literal(3))))

    def test_and_binds_tighter_than_or(self):
        q = parse("SELECT a FROM t WHERE a = 1 OR b = 2 AND c = 3")
        self.assertEqual(q.where.op, "OR")
        self.assertEqual(q.where.right.op, "AND")

    def test_same_expression_compares_equal_regardless_of_spacing(self):
        a = parse("SELECT qty*2 FROM t").items[0].expr
        b = parse("select  QTY * 2  from t").items[0].expr
        self.assertEqual(a, b)

    def test_not_in_between_like(self):
        q = parse("SELECT a FROM t WHERE a NOT IN (1, 2) AND b NOT BETWEEN 1 AND 3 AND c NOT LIKE 'x%'")
        nodes = list(ast.walk(q.where))
        self.assertTrue(any(isinstance(n, ast.InList) and n.negated for n in nodes))
        self.assertTrue(any(isinstance(n, ast.Between) and n.negated for n in nodes))
        self.assertTrue(any(isinstance(n, ast.Like) and n.negated for n in nodes))

    def test_order_by_limit_offset(self):
        q = parse("SELECT a FROM t ORDER BY a DESC, 2 LIMIT 5 OFFSET 10")
        self.assertEqual([o.descending for o in q.order_by], [True, False])
        self.assertEqual((q.limit.value, q.offset.value), (5, 10))

    def test_case_expression(self):
        q = parse("SELECT CASE WHEN a > 1 THEN 'big' ELSE 'small' END FROM t")
        self.assertIsInstance(q.items[0].expr, ast.Case)

    def test_negative_literal_is_folded(self):
        self.assertEqual(parse("SELECT -5 FROM t").items[0].expr, ast.Literal(-5))

    def test_trailing_garbage_is_an_error(self):
        with self.assertRaises(QueryError):
            parse("SELECT a FROM t extra tokens")

    def test_missing_from_is_an_error(self):
        with self.assertRaises(QueryError):
            parse("SELECT a")


if __name__ == "__main__":
    unittest.main()
