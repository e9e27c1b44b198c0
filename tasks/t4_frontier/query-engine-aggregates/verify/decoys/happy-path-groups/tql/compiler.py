"""Turns an expression tree into a Python closure `fn(row) -> value`.

Names are looked up once, at compile time, through a Scope; evaluating a compiled expression is then
only closure calls and the operations of values.py.
"""
from typing import Callable, List, Optional

from . import aggregates, ast, functions, values
from .catalog import ColumnDef
from .errors import QueryError

Compiled = Callable[[tuple], object]


class Scope:
    """The columns an expression can see, by position in the row it will be evaluated on."""

    def __init__(self, table: str, alias: Optional[str], columns: List[ColumnDef]):
        self.table = table.lower()
        self.alias = alias.lower() if alias else None
        self.columns = columns

    def index_of(self, col: ast.Column) -> int:
        if col.table is not None and col.table.lower() not in (self.table, self.alias):
            raise QueryError(f"unknown table or alias {col.table!r} in {col.table}.{col.name}", col.pos)
        for i, c in enumerate(self.columns):
            if c.name == col.name:
                return i
        raise QueryError(f"no such column: {col.name}", col.pos)


class Compiler:
    def __init__(self, scope: Scope):
        self.scope = scope

    def compile(self, node: ast.Node) -> Compiled:
        method = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is None:
            raise QueryError(f"cannot evaluate {type(node).__name__}", getattr(node, "pos", None))
        return method(node)

    def _literal(self, node: ast.Literal) -> Compiled:
        value = node.value
        return lambda row: value

    def _column(self, node: ast.Column) -> Compiled:
        i = self.scope.index_of(node)
        return lambda row: row[i]

    def _unary(self, node: ast.Unary) -> Compiled:
        operand = self.compile(node.operand)
        if node.op == "NOT":
            return lambda row: values.logical_not(operand(row))
        if node.op == "-":
            return lambda row: values.negate(operand(row))
        return lambda row: _plus(operand(row))

    def _binary(self, node: ast.Binary) -> Compiled:
        left, right = self.compile(node.left), self.compile(node.right)
        op = node.op
        if op == "AND":
            return lambda row: values.logical_and(left(row), right(row))
        if op == "OR":
            return lambda row: values.logical_or(left(row), right(row))
        if op == "||":
            return lambda row: values.concat(left(row), right(row))
        if op in ("+", "-", "*", "/", "%"):
            return lambda row: values.arithmetic(op, left(row), right(row))
        return lambda row: values.comparison(op, left(row), right(row))

    def _isnull(self, node: ast.IsNull) -> Compiled:
        operand, negated = self.compile(node.operand), node.negated
        return lambda row: int((operand(row) is None) != negated)

    def _inlist(self, node: ast.InList) -> Compiled:
        operand = self.compile(node.operand)
        items = [self.compile(i) for i in node.items]
        negated = node.negated

        def run(row):
            v = operand(row)
            if v is None:
                return None
            saw_null = False
            for item in items:
                w = item(row)
                if w is None:
                    saw_null = True
                elif values.compare(v, w) == 0:
                    return 0 if negated else 1
            if saw_null:
                return None
            return 1 if negated else 0
        return run

    def _between(self, node: ast.Between) -> Compiled:
        operand, low, high = self.compile(node.operand), self.compile(node.low), self.compile(node.high)
        negated = node.negated

        def run(row):
            v = operand(row)
            r = values.logical_and(values.comparison(">=", v, low(row)), values.comparison("<=", v, high(row)))
            return values.logical_not(r) if negated else r
        return run

    def _like(self, node: ast.Like) -> Compiled:
        operand, pattern, negated = self.compile(node.operand), self.compile(node.pattern), node.negated

        def run(row):
            r = values.like(operand(row), pattern(row))
            return values.logical_not(r) if negated else r
        return run

    def _call(self, node: ast.Call) -> Compiled:
        if aggregates.is_aggregate(node):
            raise QueryError(f"aggregate {node.name}() is not allowed here", node.pos)
        if node.star or node.distinct:
            raise QueryError(f"{node.name}() is not an aggregate and takes no {'*' if node.star else 'DISTINCT'}",
                             node.pos)
        fn = functions.lookup(node.name, len(node.args), node.pos)
        args = [self.compile(a) for a in node.args]
        return lambda row: fn(*[a(row) for a in args])

    def _case(self, node: ast.Case) -> Compiled:
        whens = [(self.compile(c), self.compile(r)) for c, r in node.whens]
        default = self.compile(node.default) if node.default is not None else (lambda row: None)

        def run(row):
            for cond, result in whens:
                if values.truth(cond(row)) is True:
                    return result(row)
            return default(row)
        return run


class GroupCompiler(Compiler):
    """Compiles expressions of a grouped query against group rows: (GROUP BY values..., aggregates...).

    A sub-expression equal to a GROUP BY term or to an aggregate call reads its slot; any other column
    reference is an error, since a group has no single value for it.
    """

    def __init__(self, scope: Scope, terms: List[ast.Node], calls: List[ast.Call]):
        super().__init__(scope)
        self.terms, self.calls = terms, calls

    def compile(self, node: ast.Node) -> Compiled:
        for i, term in enumerate(self.terms):
            if node == term:
                return lambda row, i=i: row[i]
        if aggregates.is_aggregate(node):
            j = len(self.terms) + self.calls.index(node)
            return lambda row: row[j]
        if isinstance(node, ast.Column):
            self.scope.index_of(node)  # an unknown column is reported as such first
            raise QueryError(f"column {node.name} must appear in GROUP BY or be used in an aggregate function",
                             node.pos)
        return super().compile(node)


def _plus(v):
    if v is not None and not values.is_number(v):
        raise QueryError(f"cannot apply unary '+' to a {values.type_name(v)} value")
    return v


def constant(node: ast.Node, what: str) -> object:
    """Evaluates an expression that may not refer to any column (LIMIT, OFFSET)."""
    fn = Compiler(Scope("", None, [])).compile(node)
    try:
        return fn(())
    except QueryError as e:
        raise QueryError(f"{what}: {e.message}", getattr(node, "pos", None)) from None
