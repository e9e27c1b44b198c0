"""Builds the operator tree for a parsed query.

The pipeline is fixed:

    Scan -> Filter (WHERE) -> Project (select list + hidden ORDER BY keys) -> Distinct -> Sort
         -> Slice (LIMIT/OFFSET) -> Strip (hidden keys)

A grouped query (GROUP BY, or an aggregate anywhere but WHERE) puts Aggregate and Filter (HAVING) after
the WHERE filter, and compiles the select list, HAVING and ORDER BY against the group rows.

ORDER BY terms are resolved in this order: an integer literal is an output column number (1-based); a
bare name equal to an output column's alias is that column; anything else is an expression over the
table's columns, computed as a hidden extra column of the projection. With DISTINCT, ORDER BY terms must
be output columns, since a hidden key could tell apart rows that DISTINCT merges.
"""
import dataclasses
from dataclasses import dataclass
from typing import List, Optional, Tuple

from . import aggregates, ast
from .catalog import Catalog
from .compiler import Compiler, GroupCompiler, Scope, constant
from .errors import QueryError
from .executor import Aggregate, Distinct, Filter, Operator, Project, Scan, Slice, Sort, Strip


@dataclass
class Plan:
    columns: List[str]
    root: Operator


def plan(select: ast.Select, catalog: Catalog) -> Plan:
    table = catalog.get(select.table)
    scope = Scope(table.name, select.table_alias, table.columns)
    select = unqualify(select, scope)
    compiler = Compiler(scope)

    op: Operator = Scan(table)
    if select.where is not None:
        if aggregates.contains_aggregate(select.where):
            raise QueryError("aggregate functions are not allowed in WHERE", getattr(select.where, "pos", None))
        op = Filter(op, compiler.compile(select.where))

    if is_grouped(select):
        if any(item.star for item in select.items):
            raise QueryError("SELECT * cannot be used with GROUP BY or aggregate functions")
        compiler, op = plan_groups(select, list(select.items), scope, op)

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


def is_grouped(select: ast.Select) -> bool:
    if select.group_by or select.having is not None:
        return True
    exprs = [i.expr for i in select.items if not i.star] + [o.expr for o in select.order_by]
    return any(aggregates.contains_aggregate(e) for e in exprs)


def plan_groups(select: ast.Select, items: List[ast.SelectItem], scope: Scope, op: Operator):
    """Adds Aggregate (and HAVING) to the pipeline; returns the compiler for the grouped expressions."""
    terms = []
    for term in select.group_by:
        if isinstance(term, ast.Literal) and isinstance(term.value, int) and not isinstance(term.value, bool):
            if not 1 <= term.value <= len(items):
                raise QueryError(f"GROUP BY column number {term.value} is out of range 1..{len(items)}", term.pos)
            term = items[term.value - 1].expr
            if aggregates.contains_aggregate(term):
                raise QueryError("GROUP BY cannot refer to an aggregate column", getattr(term, "pos", None))
        if aggregates.contains_aggregate(term):
            raise QueryError("aggregate functions are not allowed in GROUP BY", getattr(term, "pos", None))
        terms.append(term)

    calls: List[ast.Call] = []
    for item in items:
        aggregates.collect(item.expr, calls)
    aggregates.collect(select.having, calls)
    for term in select.order_by:
        aggregates.collect(term.expr, calls)

    row_compiler = Compiler(scope)
    keys = [row_compiler.compile(t) for t in terms]
    specs = [(aggregates.factory(c), None if c.star else row_compiler.compile(c.args[0])) for c in calls]
    op = Aggregate(op, keys, specs, whole_input=not select.group_by)
    group_compiler = GroupCompiler(scope, terms, calls)
    if select.having is not None:
        op = Filter(op, group_compiler.compile(select.having))
    return group_compiler, op


def unqualify(select: ast.Select, scope: Scope) -> ast.Select:
    """Drops valid table qualifiers (s.region -> region) so that expressions compare by structure."""

    def fix(node):
        if node is None:
            return None
        if isinstance(node, ast.Column):
            if node.table is not None:
                scope.index_of(node)
                return ast.Column(node.name, pos=node.pos)
            return node
        if isinstance(node, ast.Case):
            return dataclasses.replace(node, whens=tuple((fix(c), fix(r)) for c, r in node.whens),
                                       default=fix(node.default))
        changes = {}
        for f in dataclasses.fields(node):
            v = getattr(node, f.name)
            if isinstance(v, ast.Node):
                changes[f.name] = fix(v)
            elif isinstance(v, tuple) and v and all(isinstance(x, ast.Node) for x in v):
                changes[f.name] = tuple(fix(x) for x in v)
        return dataclasses.replace(node, **changes) if changes else node

    return dataclasses.replace(
        select,
        items=tuple(dataclasses.replace(i, expr=fix(i.expr)) for i in select.items),
        where=fix(select.where), group_by=tuple(fix(t) for t in select.group_by), having=fix(select.having),
        order_by=tuple(ast.OrderItem(fix(o.expr), o.descending) for o in select.order_by))


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
