"""Builds the operator tree for a parsed query.

The pipeline is fixed:

    Scan -> Filter (WHERE) -> Project (select list + hidden ORDER BY keys) -> Distinct -> Sort
         -> Slice (LIMIT/OFFSET) -> Strip (hidden keys)

ORDER BY terms are resolved in this order: an integer literal is an output column number (1-based); a
bare name equal to an output column's alias is that column; anything else is an expression over the
table's columns, computed as a hidden extra column of the projection. With DISTINCT, ORDER BY terms must
be output columns, since a hidden key could tell apart rows that DISTINCT merges.
"""
from dataclasses import dataclass
from typing import List, Optional, Tuple

from . import ast
from .catalog import Catalog
from .compiler import Compiler, Scope, constant
from .errors import QueryError
from .executor import Distinct, Filter, Operator, Project, Scan, Slice, Sort, Strip


@dataclass
class Plan:
    columns: List[str]
    root: Operator


def plan(select: ast.Select, catalog: Catalog) -> Plan:
    table = catalog.get(select.table)
    scope = Scope(table.name, select.table_alias, table.columns)
    compiler = Compiler(scope)

    op: Operator = Scan(table)
    if select.where is not None:
        op = Filter(op, compiler.compile(select.where))

    items = expand_items(select.items, table.column_names())
    names = [output_name(item) for item in items]
    exprs = [compiler.compile(item.expr) for item in items]

    keys, hidden = resolve_order(select, items, compiler)
    op = Project(op, exprs + hidden)
    if select.distinct:
        op = Distinct(op, len(exprs))
    if keys:
        op = Sort(op, keys)
    op = limit_and_offset(select, op)
    if hidden:
        op = Strip(op, len(exprs))
    return Plan(names, op)


def expand_items(items, column_names: List[str]) -> List[ast.SelectItem]:
    """Replaces '*' by one item per table column."""
    out = []
    for item in items:
        if item.star:
            out.extend(ast.SelectItem(ast.Column(name), None, name) for name in column_names)
        else:
            out.append(item)
    return out


def output_name(item: ast.SelectItem) -> str:
    """The alias if there is one, else the item's text as written in the query."""
    return item.alias if item.alias else item.text


def resolve_order(select: ast.Select, items: List[ast.SelectItem], compiler: Compiler
                  ) -> Tuple[List[Tuple[int, bool]], list]:
    """Sort keys as (position in the projected row, descending), plus the hidden key expressions."""
    keys, hidden = [], []
    width = len(items)
    for term in select.order_by:
        position = output_position(term.expr, items)
        if position is None:
            if select.distinct:
                raise QueryError("with SELECT DISTINCT, ORDER BY terms must appear in the select list",
                                 getattr(term.expr, "pos", None))
            hidden.append(compiler.compile(term.expr))
            position = width + len(hidden) - 1
        keys.append((position, term.descending))
    return keys, hidden


def output_position(expr: ast.Node, items: List[ast.SelectItem]) -> Optional[int]:
    """The output column an ORDER BY term names, or None when it is an expression of its own."""
    if isinstance(expr, ast.Literal) and isinstance(expr.value, int):
        if not 1 <= expr.value <= len(items):
            raise QueryError(f"ORDER BY column number {expr.value} is out of range 1..{len(items)}", expr.pos)
        return expr.value - 1
    if isinstance(expr, ast.Column) and expr.table is None:
        for i, item in enumerate(items):
            if item.alias is not None and item.alias == expr.name:
                return i
    for i, item in enumerate(items):
        if item.expr == expr:
            return i
    return None


def limit_and_offset(select: ast.Select, op: Operator) -> Operator:
    if select.limit is None:
        return op
    limit = _count(select.limit, "LIMIT")
    offset = _count(select.offset, "OFFSET") if select.offset is not None else 0
    return Slice(op, offset, limit)


def _count(node: ast.Node, what: str) -> int:
    v = constant(node, what)
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise QueryError(f"{what} must be a non-negative integer, got {v!r}", getattr(node, "pos", None))
    return v
