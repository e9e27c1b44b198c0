"""Aggregate functions: which calls are aggregates, and the accumulators that compute them per group.

NULLs are skipped, SUM over integers stays an integer and an empty input gives one row, as SQLite and
the other SQL engines do (docs/language.md).
"""
from typing import List

from . import ast, values
from .errors import QueryError

NAMES = ("count", "sum", "avg", "min", "max")


def is_aggregate(node) -> bool:
    return isinstance(node, ast.Call) and node.name in NAMES


def contains_aggregate(node) -> bool:
    return node is not None and any(is_aggregate(n) for n in ast.walk(node))


def collect(node, into: List[ast.Call]):
    """Appends the aggregate calls of an expression to `into` (each distinct call once), checking each."""
    if node is None:
        return
    if is_aggregate(node):
        check(node)
        if node not in into:
            into.append(node)
        return
    if isinstance(node, ast.Call) and (node.star or node.distinct):
        raise QueryError(f"{node.name}() is not an aggregate and takes no {'*' if node.star else 'DISTINCT'}",
                         node.pos)
    for child in ast.children(node):
        collect(child, into)


def check(call: ast.Call):
    if call.star:
        if call.name != "count":
            raise QueryError(f"{call.name}(*) is not allowed: only COUNT takes *", call.pos)
        return
    if len(call.args) != 1:
        raise QueryError(f"{call.name}() takes exactly one argument, got {len(call.args)}", call.pos)
    if contains_aggregate(call.args[0]):
        raise QueryError(f"aggregate calls cannot be nested inside {call.name}()", call.pos)


class _Accumulator:
    def __init__(self, distinct: bool):
        self.seen = set() if distinct else None

    def add(self, v):
        if v is None:
            return
        if self.seen is not None:
            key = ("n", v) if values.is_number(v) else ("t", v)
            if key in self.seen:
                return
            self.seen.add(key)
        self.step(v)

    def step(self, v):
        raise NotImplementedError

    def result(self):
        raise NotImplementedError


class _CountRows:
    def __init__(self):
        self.n = 0

    def add(self, _row_marker):
        self.n += 1

    def result(self):
        return self.n


class _Count(_Accumulator):
    def __init__(self, distinct):
        super().__init__(distinct)
        self.n = 0

    def step(self, v):
        self.n += 1

    def result(self):
        return self.n


class _Sum(_Accumulator):
    def __init__(self, distinct, name="sum"):
        super().__init__(distinct)
        self.name, self.total, self.count, self.real = name, 0, 0, False

    def step(self, v):
        if not values.is_number(v):
            raise QueryError(f"{self.name}() of a {values.type_name(v)} value")
        self.real = self.real or isinstance(v, float)
        self.total += v
        self.count += 1

    def result(self):
        if self.count == 0:
            return None
        return float(self.total) if self.real else self.total


class _Avg(_Sum):
    def __init__(self, distinct):
        super().__init__(distinct, "avg")

    def result(self):
        return None if self.count == 0 else self.total / self.count


class _Extreme(_Accumulator):
    def __init__(self, distinct, sign):
        super().__init__(distinct)
        self.sign, self.best = sign, None

    def step(self, v):
        if self.best is None or values.compare(v, self.best) * self.sign > 0:
            self.best = v

    def result(self):
        return self.best


def factory(call: ast.Call):
    """A zero-argument function making a fresh accumulator for `call`."""
    if call.star:
        return _CountRows
    d = call.distinct
    return {
        "count": lambda: _Count(d),
        "sum": lambda: _Sum(d),
        "avg": lambda: _Avg(d),
        "min": lambda: _Extreme(d, -1),
        "max": lambda: _Extreme(d, 1),
    }[call.name]
